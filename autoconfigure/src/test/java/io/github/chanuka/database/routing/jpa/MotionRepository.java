package io.github.chanuka.database.routing.jpa;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface MotionRepository extends JpaRepository<Motion, Long> {

	@Transactional(readOnly = true)
	@Query(value = "select inet_server_port()", nativeQuery = true)
	Integer serverPort();

	@Transactional(readOnly = true)
	@Query(value = "select title from jpa_motions where id = ?1", nativeQuery = true)
	String titleOf(long id);

}
