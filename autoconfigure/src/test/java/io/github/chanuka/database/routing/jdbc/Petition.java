package io.github.chanuka.database.routing.jdbc;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An aggregate stored with Spring Data JDBC.
 *
 * @param id the key, assigned by the database
 * @param title the petition's title
 */
@Table("jdbc_petitions")
public record Petition(@Id Long id, String title) {

}
