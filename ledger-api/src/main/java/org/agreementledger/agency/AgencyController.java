package org.agreementledger.agency;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Agencies")
record AgencyController(Agencies agencies) {

    @GetMapping("/api/agencies/{agencyId}")
    @Operation(summary = "An agency's agreements, each with its whole history",
            description = "agencyId is {STATE}-{slug}, e.g. AL-colbert-county-sheriffs-office: the id the agency's"
                    + " name is known by now, or one its agreements were signed under before ICE corrected the name."
                    + " An id agreements are known by now answers those agreements and any signed under it and"
                    + " renamed since; an id every agreement was renamed away from answers the agency they are known"
                    + " as now, all of its agreements included (agencyId then says its id now, otherAgencyIds the"
                    + " old one). 404 for an id no agreement was signed or is known under")
    AgencyDocument agency(@PathVariable String agencyId) {
        return agencies.of(agencyId);
    }
}
