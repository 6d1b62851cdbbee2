package org.cspkit.partnercenter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import okhttp3.MediaType;
import okhttp3.Request;
import okio.Buffer;
import okio.BufferedSink;

/**
 * What {@code --what-if} and {@code --confirm} show: the request that would be sent (the token
 * masked, the body included) and the credential that would be used, as text or, with {@code -o
 * json}, as one object:
 *
 * <pre>{"whatIf": {"call": "the checkout of cart …", "sent": false, "request": {"method": "POST",
 *  "url": "…", "headers": {"Authorization": "Bearer ****", …}, "contentType": null,
 *  "body": null}, "credential": "access token from PARTNER_CENTER_ACCESS_TOKEN", "then": null}}</pre>
 */
final class WhatIf {
  private WhatIf() {}

  /**
   * Prints a request that would be sent.
   *
   * @param out where to print
   * @param command the command, for the credential and the output format
   * @param what the call, such as "the checkout of cart …"
   * @param request the request, as the client would send it (token masked)
   * @param confirm whether the user is asked next ({@code --confirm}), rather than nothing sent
   * @param then what the command would do after, or null
   */
  static void print(
      PrintWriter out,
      ClientCommand command,
      String what,
      Request request,
      boolean confirm,
      String then) {
    Buffer body = new Buffer();
    MediaType type = null;
    try {
      if (request.body() != null) {
        request.body().writeTo(body);
        type = request.body().contentType();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String credential = command.credential != null
        ? command.credential.description()
        : "none (" + Credentials.help(command.connection.tokenVariable)
            + "); a real call would stop with" + " exit code " + ExitCode.AUTHENTICATION.code();
    if (command.json() && !confirm) {
      printJson(out, what, request, type, body.readUtf8(), credential, then);
      return;
    }
    out.println(
        confirm
            ? capitalized(what) + " will send this request:"
            : "What if: " + what + " would send this request (nothing was sent):");
    out.println();
    out.println(request.method() + " " + request.url());
    request
        .headers()
        .forEach(header ->
            out.println(TerminalText.safe(header.getFirst() + ": " + header.getSecond())));
    if (type != null) {
      out.println("Content-Type: " + type);
    }
    out.println("Content-Length: " + body.size());
    out.println();
    if (body.size() > 0) {
      out.println(TerminalText.safe(body.readUtf8()));
      out.println();
    }
    out.println("Credential: " + credential);
    if (then != null) {
      out.println(then);
    }
    out.flush();
  }

  private static void printJson(
      PrintWriter out,
      String what,
      Request request,
      MediaType type,
      String body,
      String credential,
      String then) {
    JsonOutput.print(out, true, (json, moshi) -> {
      json.beginObject().name("whatIf").beginObject();
      json.name("call").value(what);
      json.name("sent").value(false);
      json.name("request").beginObject();
      json.name("method").value(request.method());
      json.name("url").value(request.url().toString());
      json.name("headers").beginObject();
      for (int i = 0; i < request.headers().size(); i++) {
        json.name(request.headers().name(i)).value(request.headers().value(i));
      }
      json.endObject();
      json.name("contentType").value(type == null ? null : type.toString());
      json.name("body");
      if (body.isEmpty()) {
        json.nullValue();
      } else {
        // The body is the client's own JSON: it goes in as it is, a value of the object.
        try (BufferedSink sink = json.valueSink()) {
          sink.writeUtf8(body);
        }
      }
      json.endObject();
      json.name("credential").value(credential);
      json.name("then").value(then);
      json.endObject().endObject();
    });
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
