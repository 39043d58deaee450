/*
 * flink-entry: the entry point of the analytics-jobs image, which has no shell. The Flink Kubernetes
 * Operator runs the entry point with "bash -c <script and arguments>" (native mode) or with
 * "standalone-job|jobmanager|taskmanager …" (standalone mode). A small JVM (FlinkCommand) turns those into
 * the java command line Flink's scripts would build, printed NUL-separated; this program then executes it
 * in its own place, so the Flink JVM keeps the process (PID 1 in a pod) and gets the pod's signals.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define JAVA "/opt/java/bin/java"
#define LAUNCHER_CP "/opt/flink/classes:/opt/flink/libs/*"

int main(int argc, char **argv) {
  int out[2];
  if (pipe(out) != 0) {
    perror("flink-entry: pipe");
    return 127;
  }
  pid_t child = fork();
  if (child < 0) {
    perror("flink-entry: fork");
    return 127;
  }
  if (child == 0) {
    char **args = calloc((size_t) argc + 16, sizeof(char *));
    int n = 0;
    args[n++] = "java";
    args[n++] = "-Xmx64m";
    args[n++] = "-XX:+UseSerialGC";
    args[n++] = "-XX:TieredStopAtLevel=1";
    args[n++] = "-Xshare:auto";
    /* standard output carries the command: the JVM's own warnings go to standard error */
    args[n++] = "-Xlog:disable";
    args[n++] = "-Xlog:all=warning:stderr";
    args[n++] = "-XX:-UsePerfData";
    args[n++] = "-cp";
    args[n++] = LAUNCHER_CP;
    args[n++] = "org.enterprisebrain.flinkimage.FlinkCommand";
    for (int i = 1; i < argc; i++) {
      args[n++] = argv[i];
    }
    args[n] = NULL;
    close(out[0]);
    dup2(out[1], STDOUT_FILENO);
    close(out[1]);
    execv(JAVA, args);
    perror("flink-entry: " JAVA);
    _exit(127);
  }
  close(out[1]);
  size_t size = 0, capacity = 1 << 16;
  char *buffer = malloc(capacity);
  for (;;) {
    if (size == capacity) {
      capacity *= 2;
      buffer = realloc(buffer, capacity);
    }
    ssize_t r = read(out[0], buffer + size, capacity - size);
    if (r < 0 && errno == EINTR) {
      continue;
    }
    if (r <= 0) {
      break;
    }
    size += (size_t) r;
  }
  close(out[0]);
  int status;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "flink-entry: could not build the Flink command (see above)\n");
    return WIFEXITED(status) ? WEXITSTATUS(status) : 126;
  }
  size_t words = 0;
  for (size_t i = 0; i < size; i++) {
    words += buffer[i] == '\0';
  }
  if (words == 0) {
    fprintf(stderr, "flink-entry: empty command\n");
    return 126;
  }
  char **command = calloc(words + 1, sizeof(char *));
  size_t w = 0;
  for (size_t i = 0; i < size && w < words; i += strlen(buffer + i) + 1) {
    command[w++] = buffer + i;
  }
  command[w] = NULL;
  execv(command[0], command);
  fprintf(stderr, "flink-entry: cannot execute %s: %s\n", command[0], strerror(errno));
  return 127;
}
