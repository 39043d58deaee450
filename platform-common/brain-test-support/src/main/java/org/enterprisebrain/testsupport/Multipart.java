package org.enterprisebrain.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body as the registry takes a model version: a JSON metadata part and the artifact. */
public record Multipart(String contentType, byte[] body) {

  public static Multipart modelVersion(byte[] metadataJson, byte[] artifact) {
    String boundary = "----brain" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
        + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(metadataJson);
    body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    if (artifact != null) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"artifact\"; filename=\"model.onnx\"\r\n"
          + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(artifact);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
  }
}
