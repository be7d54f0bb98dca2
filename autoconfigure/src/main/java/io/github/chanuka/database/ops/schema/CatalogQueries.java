package io.github.chanuka.database.ops.schema;

/**
 * Catalog queries shared by the schema checks and the index advice; every one skips
 * the system schemas.
 *
 * @author Chanuka Database
 */
final class CatalogQueries {

	static final String USER_SCHEMA = "%1$s.nspname not in ('pg_catalog', 'information_schema')"
			+ " and %1$s.nspname not like 'pg\\_toast%%' and %1$s.nspname not like 'pg\\_temp\\_%%'";

	static final String NOT_VALID_CONSTRAINTS = """
			select format('%%I.%%I', n.nspname, t.relname) as table_name, format('%%I', c.conname) as constraint_name,
			       pg_get_constraintdef(c.oid) as definition
			from pg_constraint c
			join pg_class t on t.oid = c.conrelid
			join pg_namespace n on n.oid = t.relnamespace
			where not c.convalidated and %s
			order by 1, 2
			""".formatted(USER_SCHEMA.formatted("n"));

	static final String INVALID_INDEXES = """
			select format('%%I.%%I', n.nspname, i.relname) as index_name, format('%%I.%%I', n.nspname, t.relname) as table_name,
			       pg_get_indexdef(x.indexrelid) as definition, pg_relation_size(x.indexrelid) as size_bytes
			from pg_index x
			join pg_class i on i.oid = x.indexrelid
			join pg_class t on t.oid = x.indrelid
			join pg_namespace n on n.oid = i.relnamespace
			where not x.indisvalid and %s
			order by 1
			""".formatted(USER_SCHEMA.formatted("n"));

	static final String TABLES_WITHOUT_PRIMARY_KEY = """
			select n.nspname as schema_name, c.relname as table_name, format('%%I.%%I', n.nspname, c.relname) as qualified_name
			from pg_class c
			join pg_namespace n on n.oid = c.relnamespace
			where c.relkind in ('r', 'p') and not c.relispartition and %s
			  and not exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')
			  and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
			order by 3
			""".formatted(USER_SCHEMA.formatted("n"));

	static final String SEQUENCES_NEAR_EXHAUSTION = """
			select format('%I.%I', schemaname, sequencename) as sequence_name, last_value, max_value, min_value,
			       increment_by, data_type::text as data_type, used
			from (select s.*, case when s.increment_by > 0
			             then (s.last_value::numeric - s.min_value::numeric) / nullif(s.max_value::numeric - s.min_value::numeric, 0)
			             else (s.max_value::numeric - s.last_value::numeric) / nullif(s.max_value::numeric - s.min_value::numeric, 0)
			             end as used
			      from pg_sequences s
			      where s.last_value is not null and not s.cycle) s
			where used >= ?
			order by used desc, 1
			""";

	static final String UNINDEXED_FOREIGN_KEYS = """
			select format('%%I.%%I', n.nspname, t.relname) as table_name, format('%%I', c.conname) as constraint_name,
			       array(select format('%%I', a.attname)
			             from unnest(c.conkey) with ordinality k(attnum, position)
			             join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
			             order by k.position)::text[] as column_list,
			       c.confrelid::regclass::text as referenced_table
			from pg_constraint c
			join pg_class t on t.oid = c.conrelid
			join pg_namespace n on n.oid = t.relnamespace
			where c.contype = 'f' and %s
			  and not exists (
			      select 1 from pg_index x
			      where x.indrelid = c.conrelid and x.indisvalid and x.indpred is null
			        and (string_to_array(x.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey)
			order by 1, 2
			""".formatted(USER_SCHEMA.formatted("n"));

	static final String UNUSED_INDEXES = """
			select format('%I.%I', s.schemaname, s.indexrelname) as index_name,
			       format('%I.%I', s.schemaname, s.relname) as table_name, pg_relation_size(s.indexrelid) as size_bytes
			from pg_stat_user_indexes s
			join pg_index x on x.indexrelid = s.indexrelid
			where s.idx_scan = 0 and x.indisvalid and not x.indisprimary and not x.indisunique
			  and not exists (select 1 from pg_constraint c where c.conindid = s.indexrelid)
			order by size_bytes desc, 1
			""";

	static final String INDEX_SIGNATURES = """
			select format('%%I.%%I', n.nspname, i.relname) as index_name, format('%%I.%%I', n.nspname, t.relname) as table_name,
			       x.indrelid::bigint as table_oid,
			       concat_ws(' ', i.relam::text, x.indkey::text, x.indclass::text, x.indcollation::text, x.indoption::text,
			                 coalesce(pg_get_expr(x.indexprs, x.indrelid), '-'), coalesce(pg_get_expr(x.indpred, x.indrelid), '-')) as signature,
			       x.indisprimary as is_primary, x.indisunique as is_unique,
			       exists (select 1 from pg_constraint c where c.conindid = x.indexrelid and c.conrelid = x.indrelid) as backs_constraint,
			       pg_get_indexdef(x.indexrelid) as definition, pg_relation_size(x.indexrelid) as size_bytes
			from pg_index x
			join pg_class i on i.oid = x.indexrelid
			join pg_class t on t.oid = x.indrelid
			join pg_namespace n on n.oid = i.relnamespace
			where x.indisvalid and %s
			order by 3, 1
			""".formatted(USER_SCHEMA.formatted("n"));

	static final String SEQUENTIAL_SCAN_TABLES = """
			select format('%I.%I', schemaname, relname) as table_name, seq_scan, coalesce(idx_scan, 0) as idx_scan,
			       seq_tup_read, n_live_tup, pg_total_relation_size(relid) as size_bytes
			from pg_stat_user_tables
			where seq_scan > coalesce(idx_scan, 0) and seq_scan >= ? and n_live_tup >= ?
			order by seq_tup_read desc, 1
			""";

	static final String STATISTICS_RESET = "select stats_reset from pg_stat_database where datname = current_database()";

	private CatalogQueries() {
	}

}
