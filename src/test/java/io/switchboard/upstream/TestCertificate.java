package io.switchboard.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate made with the JDK's {@code keytool} in a temporary directory: a PKCS#12 key store for a test
 * server and the certificate as PEM, which a connector trusts as its {@code ca-file}.
 *
 * @param keyStore the PKCS#12 file with the private key and the certificate
 * @param password the key store's password
 * @param pem the certificate alone, PEM-encoded
 */
record TestCertificate(Path keyStore, String password, Path pem) {
    private static final String PASSWORD = "test-password";

    /** Creates a certificate for {@code commonName} whose subject alternative names are {@code san} (keytool syntax). */
    static TestCertificate create(String commonName, String san) {
        try {
            Path dir = Files.createTempDirectory("switchboard-tls");
            Path keyStore = dir.resolve("server.p12");
            Path pem = dir.resolve("server.pem");
            keytool(
                    "-genkeypair",
                    "-alias",
                    "server",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=" + commonName,
                    "-ext",
                    "SAN=" + san,
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keyStore.toString(),
                    "-storepass",
                    PASSWORD,
                    "-keypass",
                    PASSWORD);
            keytool(
                    "-exportcert",
                    "-rfc",
                    "-alias",
                    "server",
                    "-keystore",
                    keyStore.toString(),
                    "-storepass",
                    PASSWORD,
                    "-file",
                    pem.toString());
            return new TestCertificate(keyStore, PASSWORD, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for keytool", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
