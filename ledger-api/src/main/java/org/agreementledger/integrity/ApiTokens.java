package org.agreementledger.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * API tokens {@code <id>.<secret>}: the id is public and finds the row, the secret is kept only
 * as a bcrypt hash. bcrypt costs ~50-100 ms by design, too much for every request, so a secret
 * that once matched is remembered by its SHA-256 (256 random bits: no use to anyone who reads
 * the memory) next to the bcrypt hash it matched. The row is still read on every request, so a
 * revocation (from the command line, in another process) takes effect at once.
 */
@Service
public class ApiTokens {

    private static final Pattern SHAPE = Pattern.compile("([a-z0-9]{12})\\.([A-Za-z0-9_-]{43})");
    private static final int MAX_NAME = 200;

    private final JdbcTemplate jdbc;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final SecureRandom random = new SecureRandom();
    /** Token id → the secret that matched; at most one entry per token in the table. */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(String secretHash, byte[] secretSha256) {
    }

    ApiTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public IssuedToken create(Role role, String name) {
        String label = Fields.optional("name", name);
        if (label != null && (label.length() > MAX_NAME || label.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidFieldException("name", "at most " + MAX_NAME + " characters, no control characters");
        }
        String id = id();
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        jdbc.update("insert into api_token (id, role, name, secret_hash) values (?, ?, ?, ?)", id, role.label(),
                label, bcrypt.encode(secret));
        return new IssuedToken(find(id).orElseThrow(), id + "." + secret);
    }

    public List<ApiToken> list() {
        return jdbc.query("select id, role, name, created_at, revoked_at from api_token order by created_at, id",
                (rows, n) -> token(rows));
    }

    public boolean anyEverCreated() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from api_token)", Boolean.class));
    }

    /** Revokes for good; revoking twice is harmless. */
    public ApiToken revoke(String id) {
        if (id == null || !id.matches("[a-z0-9]{1,32}")) {
            throw new InvalidFieldException("id", "'" + Fields.abbreviate(String.valueOf(id))
                    + "' is not a token id (the part before the '.'; `token list` shows them)");
        }
        jdbc.update("update api_token set revoked_at = now() where id = ? and revoked_at is null", id);
        verified.remove(id);
        return find(id).orElseThrow(() -> new InvalidFieldException("id", "no token '" + id + "'"));
    }

    /** The role of a presented bearer token, if it is one of ours and not revoked. */
    public Optional<Role> authenticate(String presented) {
        Matcher matcher = SHAPE.matcher(presented);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String id = matcher.group(1);
        String secret = matcher.group(2);
        List<String[]> rows = jdbc.query("select role, secret_hash from api_token where id = ? and revoked_at is null",
                (row, n) -> new String[] {row.getString(1), row.getString(2)}, id);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Role role = Role.parse("role", rows.get(0)[0]);
        String secretHash = rows.get(0)[1];
        byte[] sha = sha256(secret);
        Verified known = verified.get(id);
        if (known != null && known.secretHash().equals(secretHash) && MessageDigest.isEqual(known.secretSha256(), sha)) {
            return Optional.of(role);
        }
        if (!bcrypt.matches(secret, secretHash)) {
            return Optional.empty();
        }
        verified.put(id, new Verified(secretHash, sha));
        return Optional.of(role);
    }

    private Optional<ApiToken> find(String id) {
        return jdbc.query("select id, role, name, created_at, revoked_at from api_token where id = ?",
                (rows, n) -> token(rows), id).stream().findFirst();
    }

    private static ApiToken token(ResultSet rows) throws SQLException {
        Timestamp revoked = rows.getTimestamp("revoked_at");
        return new ApiToken(rows.getString("id"), Role.parse("role", rows.getString("role")), rows.getString("name"),
                rows.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }

    private String id() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
