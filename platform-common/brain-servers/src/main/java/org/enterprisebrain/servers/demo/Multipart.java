package org.enterprisebrain.servers.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A multipart/form-data body of a JSON metadata part and an optional file: as the registry takes a model
 * version and the assessment an attestation.
 */
public record Multipart(String contentType, byte[] body) {

  public static Multipart modelVersion(byte[] metadataJson, byte[] artifact) {
    return of(metadataJson, "artifact", "model.onnx", "application/octet-stream", artifact);
  }

  /** The metadata part, then {@code file} (if not null) as part {@code part} named {@code filename}. */
  public static Multipart of(byte[] metadataJson, String part, String filename, String fileType, byte[] file) {
    String boundary = "----brain" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
        + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(metadataJson);
    body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    if (file != null) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
          + filename + "\"\r\nContent-Type: " + fileType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
  }
}
