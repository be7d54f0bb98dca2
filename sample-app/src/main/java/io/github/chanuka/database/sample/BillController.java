package io.github.chanuka.database.sample;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * HTTP API of the bills service under {@code /api/bills}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@RestController
@RequestMapping("/api/bills")
public class BillController {

	private static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private final BillService service;

	public BillController(BillService service) {
		this.service = service;
	}

	@GetMapping
	public List<Bill> list(@RequestParam(required = false) @Nullable BillStatus status) {
		return this.service.list(status);
	}

	@GetMapping("/{id}")
	public Bill get(@PathVariable long id) {
		return this.service.find(id).orElseThrow(() -> new BillNotFoundException(id));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<Bill> create(@Valid @RequestBody NewBill bill) {
		Bill created = this.service.create(bill);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(created.id())
			.toUri();
		return ResponseEntity.created(location).body(created);
	}

	@PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON })
	public Bill update(@PathVariable long id, @Valid @RequestBody BillChanges changes) {
		return this.service.update(id, changes).orElseThrow(() -> new BillNotFoundException(id));
	}

}
