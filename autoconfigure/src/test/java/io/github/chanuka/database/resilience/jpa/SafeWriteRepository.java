package io.github.chanuka.database.resilience.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SafeWriteRepository extends JpaRepository<SafeWrite, Long> {

}
