package io.github.switchboard.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority and a server certificate it signed for {@code 127.0.0.1},
 * made by the JDK's own {@code keytool} (present wherever the tests run, unlike {@code openssl})
 * and written as the PEM files {@code redis-server} reads: the private key as PKCS#8, exported by
 * Java code from the PKCS#12 store keytool made. Valid for two days, EC P-256. Immutable.
 *
 * @param caCert the authority's certificate (PEM), what a client trusts
 * @param serverCert the server's certificate (PEM), signed by the authority
 * @param serverKey the server's private key (PEM, unencrypted PKCS#8)
 */
public record TestCertificates(Path caCert, Path serverCert, Path serverKey) {

    private static final String STORE_PASSWORD = "changeit";
    private static final String[] KEY = {"-keyalg", "EC", "-groupname", "secp256r1"};

    /** Generates a new authority and server certificate into {@code dir} (which must exist). */
    public static TestCertificates generate(Path dir) {
        try {
            Path ca = dir.resolve("ca.p12");
            Path server = dir.resolve("server.p12");
            Path csr = dir.resolve("server.csr");
            Path caPem = dir.resolve("ca.crt");
            Path serverPem = dir.resolve("server.crt");
            Path keyPem = dir.resolve("server.key");
            keytool("-genkeypair", "-alias", "ca", "-dname", "CN=Switchboard test CA",
                    "-ext", "bc:c", "-keystore", ca.toString(), KEY[0], KEY[1], KEY[2], KEY[3],
                    "-validity", "2");
            keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
                    "-file", caPem.toString());
            keytool("-genkeypair", "-alias", "server", "-dname", "CN=127.0.0.1",
                    "-keystore", server.toString(), KEY[0], KEY[1], KEY[2], KEY[3],
                    "-validity", "2");
            keytool("-certreq", "-alias", "server", "-keystore", server.toString(),
                    "-file", csr.toString());
            keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
                    "-infile", csr.toString(), "-outfile", serverPem.toString(),
                    "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth",
                    "-validity", "2");
            Files.writeString(keyPem, pem("PRIVATE KEY", privateKey(server, "server")
                    .getEncoded()), StandardCharsets.US_ASCII);
            return new TestCertificates(caPem, serverPem, keyPem);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not make test certificates in " + dir, e);
        }
    }

    /** A client TLS context that trusts only the authority whose PEM certificate is {@code ca}. */
    static SSLContext trusting(Path ca) {
        try (InputStream in = Files.newInputStream(ca)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + ca, e);
        }
    }

    private static PrivateKey privateKey(Path store, String alias)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        return (PrivateKey) ks.getKey(alias, STORE_PASSWORD.toCharArray());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-noprompt"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " failed: " + out);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
