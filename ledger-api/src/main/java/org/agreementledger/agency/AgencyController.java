package org.agreementledger.agency;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Agencies")
class AgencyController {

    private final Agencies agencies;

    AgencyController(Agencies agencies) {
        this.agencies = agencies;
    }

    @GetMapping("/api/agencies/{agencyId}")
    @Operation(summary = "An agency's agreements, each with its whole history",
            description = "agencyId is {STATE}-{slug}, e.g. AL-colbert-county-sheriffs-office; 404 for an unknown agency")
    AgencyDocument agency(@PathVariable String agencyId) {
        return agencies.of(agencyId);
    }
}
