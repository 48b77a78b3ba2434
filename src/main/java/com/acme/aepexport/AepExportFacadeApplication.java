package com.acme.aepexport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AepExportFacadeApplication {

	public static void main(String[] args) {
		SpringApplication.run(AepExportFacadeApplication.class, args);
	}

}
