package org.agreementledger.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.AgreementId;
import org.agreementledger.api.UsState;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Flyway V9: {@code current_agreement.agency_id} is the agency as its name is known now, as reports
 * count it (a rename of the agency moves it; the listing projection keeps it so from now on). Rows an
 * agencyName correction changed before kept the agency the agreement was signed under: each is set
 * from the row's own name. In Java because the id is {@link AgencyId#slug}, which folds accents
 * where SQL cannot say the same. Spring Boot hands this bean to Flyway beside the SQL migrations.
 */
@Component
class V9__Listing_agency_as_named extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery(
                     "select agreement_id, state, agency_name, agency_id from current_agreement");
             PreparedStatement update = connection.prepareStatement(
                     "update current_agreement set agency_id = ? where agreement_id = ?")) {
            while (rows.next()) {
                String agreementId = rows.getString(1);
                String name = rows.getString(3);
                // as AgreementVersions.agencyIdOf: a name that makes no id leaves the signing's agency
                String asNamed = AgencyId.identifies(name) ? AgencyId.of(UsState.valueOf(rows.getString(2)), name)
                        : AgreementId.agencyOf(agreementId);
                if (!asNamed.equals(rows.getString(4))) {
                    update.setString(1, asNamed);
                    update.setString(2, agreementId);
                    update.addBatch();
                }
            }
            update.executeBatch();
        }
    }
}
