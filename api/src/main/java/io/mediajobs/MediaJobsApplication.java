package io.mediajobs;

import org.springframework.boot.SpringApplication;

import io.mediajobs.platform.EmbeddedTemporalServer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MediaJobsApplication {

    public static void main(String[] args) {
        EmbeddedTemporalServer.startIfRequested();
        SpringApplication.run(MediaJobsApplication.class, args);
    }
}
