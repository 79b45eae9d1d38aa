package org.agreementledger.bench;

import static org.agreementledger.bench.Bench.ms;
import static org.agreementledger.bench.Bench.percentile;
import static org.agreementledger.bench.Bench.seconds;
import static org.agreementledger.bench.BenchMain.round;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.agreementledger.integrity.LedgerChain;
import org.agreementledger.integrity.Verification;

/** Phase 5: verifying the hash chain, beside a SHA-256 chain over the same bytes in memory. */
final class VerifyPhase {

    private final Bench bench;

    VerifyPhase(Bench bench) {
        this.bench = bench;
    }

    VerifyFigure run() throws Exception {
        LedgerChain chain = bench.bean(LedgerChain.class);
        bench.heap.reset();
        long started = System.nanoTime();
        Verification verification = chain.verify(null, bench.progress);
        double seconds = seconds(started);
        bench.phaseHeap("verify");

        // baseline: the same link bytes, read into memory first, hashed in a chain with SHA-256
        List<long[]> numbers = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        bench.jdbc().query("""
                select c.position, e.globalindex, e.eventidentifier, e.aggregateidentifier, e.sequencenumber,
                       e.type, e.payloadtype, e.payloadrevision, e.timestamp, e.payload, e.metadata
                from ledger_chain c join domainevententry e on e.globalindex = c.globalindex
                order by c.position""", (ResultSet row) -> {
            numbers.add(new long[] {row.getLong("position")});
            bodies.add(body(row));
        });
        bench.heap.reset();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        ByteBuffer number = ByteBuffer.allocate(Long.BYTES);
        byte[] previous = null;
        long hashStarted = 0;
        long bytes = 0;
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up
            hashStarted = System.nanoTime();
            previous = new byte[32];
            bytes = 0;
            for (int i = 0; i < bodies.size(); i++) {
                sha256.update(previous);
                sha256.update(number.clear().putLong(numbers.get(i)[0]).array());
                sha256.update(bodies.get(i));
                bytes += 40 + bodies.get(i).length;
                previous = sha256.digest();
            }
        }
        double hashSeconds = seconds(hashStarted);
        bench.phaseHeap("verifyBaseline");

        return new VerifyFigure(verification.linksChecked(),
                verification.intact(),
                round(seconds, 2),
                round(verification.linksChecked() / seconds, 0),
                "SHA-256 chain over the same link bytes held in memory",
                bytes,
                round(hashSeconds, 3),
                round(bodies.size() / hashSeconds, 0),
                verification.tip().hash().equals(HexFormat.of().formatHex(previous)),
                round((verification.linksChecked() / seconds) / (bodies.size() / hashSeconds), 4));
    }

    /** A link's bytes after hash(n-1) and int8 n, as ChainLinks lays them out. */
    private static byte[] body(ResultSet row) throws SQLException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        buffer = putLong(buffer, row.getLong("globalindex"));
        buffer = putText(buffer, row.getString("eventidentifier"));
        buffer = putText(buffer, row.getString("aggregateidentifier"));
        buffer = putLong(buffer, row.getLong("sequencenumber"));
        buffer = putText(buffer, row.getString("type"));
        buffer = putText(buffer, row.getString("payloadtype"));
        buffer = putText(buffer, row.getString("payloadrevision"));
        buffer = putText(buffer, row.getString("timestamp"));
        buffer = putField(buffer, row.getBytes("payload"));
        buffer = putField(buffer, row.getBytes("metadata"));
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static ByteBuffer room(ByteBuffer buffer, int more) {
        if (buffer.remaining() >= more) {
            return buffer;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
        return bigger.put(buffer.flip());
    }

    private static ByteBuffer putLong(ByteBuffer buffer, long value) {
        return room(buffer, Long.BYTES).putLong(value);
    }

    private static ByteBuffer putText(ByteBuffer buffer, String value) {
        return putField(buffer, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer putField(ByteBuffer buffer, byte[] value) {
        ByteBuffer b = room(buffer, Integer.BYTES + (value == null ? 0 : value.length));
        b.putInt(value == null ? -1 : value.length);
        return value == null ? b : b.put(value);
    }
}
