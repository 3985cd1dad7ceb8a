package io.mediajobs.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Dev mode only: the app holds an RSA key (kept under the data dir so tokens survive restarts) and signs
 * tokens for any user id. Production uses a real issuer through the standard resource-server properties.
 */
public class DevTokenIssuer {

    static final String ISSUER = "media-jobs-dev";

    private final RSAPublicKey publicKey;
    private final NimbusJwtEncoder encoder;
    private final Duration ttl;

    public DevTokenIssuer(Path keyFile, Duration ttl) {
        KeyPair keys = loadOrCreate(keyFile);
        this.publicKey = (RSAPublicKey) keys.getPublic();
        RSAKey jwk = new RSAKey.Builder(publicKey).privateKey((RSAPrivateKey) keys.getPrivate()).keyID("dev").build();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
        this.ttl = ttl;
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }

    public IssuedToken issue(String userId) {
        return issue(userId, Instant.now(), ttl);
    }

    /** Issues a token valid from {@code now} for {@code validFor}; tests use a past {@code now} for expiry. */
    public IssuedToken issue(String userId, Instant now, Duration validFor) {
        return issue(userId, now, validFor, List.of());
    }

    /**
     * Also with OAuth2 scopes (the {@code scope} claim, space-separated), e.g. {@code metrics} for
     * {@code /actuator/prometheus} outside the dev profile.
     */
    public IssuedToken issue(String userId, Instant now, Duration validFor, List<String> scopes) {
        Instant expiresAt = now.plus(validFor);
        JwtClaimsSet.Builder builder = JwtClaimsSet.builder()
                .issuer(ISSUER).subject(userId).issuedAt(now).expiresAt(expiresAt)
                .audience(List.of("media-jobs"));
        if (!scopes.isEmpty()) {
            builder.claim("scope", String.join(" ", scopes));
        }
        JwtClaimsSet claims = builder.build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId("dev").build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new IssuedToken(token, expiresAt);
    }

    /** Accepts this issuer's unexpired tokens that carry the {@link RequiredClaims}; others fail as invalid. */
    public JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                List.of(new JwtIssuerValidator(ISSUER), RequiredClaims.validator())));
        return decoder;
    }

    private static KeyPair loadOrCreate(Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                List<String> lines = Files.readAllLines(keyFile);
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                return new KeyPair(
                        rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(0)))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(1)))));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(keyFile.toAbsolutePath().getParent(), ".dev-jwt", ".tmp");
            Files.write(tmp, List.of(
                    Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                    Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded())));
            Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the dev signing key " + keyFile, e);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("Dev signing key " + keyFile + " is unreadable; delete it to regenerate", e);
        }
    }
}
