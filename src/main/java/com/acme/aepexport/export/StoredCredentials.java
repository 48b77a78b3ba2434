package com.acme.aepexport.export;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface StoredCredentials extends JpaRepository<StoredCredential, UUID> {

}
