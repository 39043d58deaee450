package org.enterprisebrain.cli.demo;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.enterprisebrain.client.ApiClient;
import org.enterprisebrain.client.ApiException;

/** The demo's calls through the gateway, as the people it plays would make them (each with their token). */
public final class Gateway {

  interface Call<T> {
    T call() throws ApiException;
  }

  private Gateway() {
  }

  /** The generated clients' invoker for one person's calls through the gateway. */
  static ApiClient client(String gateway, String token) {
    return client(gateway, () -> token);
  }

  /** The generated clients' invoker, with the caller's current token on every call. */
  public static ApiClient client(String gateway, Supplier<String> token) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(gateway);
    client.setHttpClientBuilder(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)));
    client.setReadTimeout(Duration.ofSeconds(60));
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token.get()));
    return client;
  }

  /** Whether the resource exists: false on 404, any other failure thrown. */
  static boolean found(Call<?> get) throws ApiException {
    try {
      get.call();
      return true;
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }
}
