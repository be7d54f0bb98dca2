create table if not exists init_probe (id bigint primary key);
