package org.enterprisebrain.security;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * A service's own identity in the realm: its Keycloak client's access token (client-credentials grant), kept by
 * Spring Security's authorized-client manager and renewed a minute before it expires, so a token never runs out
 * in flight. One per service and Keycloak client; safe for concurrent use.
 */
public final class ClientCredentials {

  private static final String REGISTRATION = "keycloak";

  private final String clientId;
  private final InMemoryOAuth2AuthorizedClientService store;
  private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

  /**
   * @param issuer  the realm's issuer URI ({@code …/realms/<realm>}), whose token endpoint is asked
   * @param timeout connect and read timeout of a token request
   */
  public ClientCredentials(String issuer, String clientId, String clientSecret, Duration timeout) {
    this.clientId = clientId;
    ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
        .tokenUri(issuer.replaceAll("/+$", "") + "/protocol/openid-connect/token")
        .clientId(clientId).clientSecret(clientSecret)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build();
    InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
    this.store = new InMemoryOAuth2AuthorizedClientService(registrations);
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build());
    factory.setReadTimeout(timeout);
    RestClientClientCredentialsTokenResponseClient tokens = new RestClientClientCredentialsTokenResponseClient();
    tokens.setRestClient(RestClient.builder().requestFactory(factory)
        .configureMessageConverters(c -> c.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
        .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
    this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, store);
    manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
        .clientCredentials(c -> c.accessTokenResponseClient(tokens)).build());
  }

  /**
   * The current access token, asked anew when none is kept or it expires within a minute.
   *
   * @throws RestClientException when Keycloak does not answer or refuses the client (callers treat it as the
   *                             call it was for failing)
   */
  public String token() {
    try {
      OAuth2AuthorizedClient client = manager.authorize(
          OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(clientId).build());
      if (client == null) {
        throw new RestClientException("client " + clientId + " was given no token");
      }
      return client.getAccessToken().getTokenValue();
    } catch (OAuth2AuthorizationException e) {
      throw new RestClientException("client " + clientId + " got no token: " + e.getError(), e);
    }
  }

  /** {@code Bearer <token>}, for an Authorization header. */
  public String bearer() {
    return "Bearer " + token();
  }

  /** Forgets the kept token (one a server refused, say): the next {@link #token()} asks for a new one. */
  public void forget() {
    store.removeAuthorizedClient(REGISTRATION, clientId);
  }
}
