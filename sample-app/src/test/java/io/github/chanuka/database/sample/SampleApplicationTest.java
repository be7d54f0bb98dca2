package io.github.chanuka.database.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The sample application on a random port, on the embedded cluster it starts itself.
 * Every test class uses exactly this configuration so that they share one context and
 * one cluster. {@code env} and {@code configprops} are exposed, with values shown, only
 * here, to prove that no password leaks through them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,info,metrics,prometheus,database,env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always" })
@AutoConfigureRestTestClient
@interface SampleApplicationTest {

}
