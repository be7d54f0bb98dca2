package io.github.chanuka.database.routing.jdbc;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.CrudRepository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Spring Data JDBC repository: its inherited finders are read-only transactions.
 */
public interface PetitionRepository extends CrudRepository<Petition, Long> {

	@Transactional(readOnly = true)
	@Query("select inet_server_port()")
	Integer serverPort();

}
