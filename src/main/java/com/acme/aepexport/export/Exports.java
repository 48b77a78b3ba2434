package com.acme.aepexport.export;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface Exports extends JpaRepository<Export, UUID>, JpaSpecificationExecutor<Export> {

}
