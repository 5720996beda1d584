// `runknee serve`: the JSON API and the web app on loopback until SIGINT or SIGTERM.

#include <fmt/format.h>
#include <pthread.h>

#include <csignal>
#include <thread>

#include "cli/commands.h"
#include "cli/knowledge_access.h"
#include "server/server.h"
#include "util/limits.h"

namespace rk::cli {
namespace {

struct ServeOptions {
  int port = 8080;
  std::string host = "127.0.0.1";
  bool allow_remote = false;
  std::size_t max_upload_mb = limits::upload_max_bytes >> 20;
  std::vector<std::string> allowed_hosts;
};

void run_serve(const ServeOptions& o, Context& ctx) {
  auto store = ctx.store();
  if (!store) {
    ctx.exit_code = report_error(store.error());
    return;
  }
  server::ServerOptions so;
  so.host = o.host;
  so.port = o.port;
  so.allow_remote = o.allow_remote;
  so.max_upload_bytes = o.max_upload_mb << 20;
  so.allowed_hosts = o.allowed_hosts;
  const auto data_dir =
      ctx.db_path.has_parent_path() ? ctx.db_path.parent_path() : std::filesystem::current_path();
  so.upload_dir = data_dir / "uploads";
  const KnowledgeBase* kb = knowledge(ctx);  // loaded once, when the program started
  if (!kb) return;

  // Signals go to one waiting thread (blocked everywhere else, including httplib's workers),
  // which stops the server so that run() returns and the store closes normally.
  // A shell starts background jobs with SIGINT ignored, and an ignored signal never reaches
  // sigwait(); a handler (never run while blocked) makes both signals deliverable.
  struct sigaction act {};
  act.sa_handler = [](int) {};
  sigemptyset(&act.sa_mask);
  sigaction(SIGINT, &act, nullptr);
  sigaction(SIGTERM, &act, nullptr);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::HttpServer http(**store, *kb, so);
  auto port = http.bind();
  if (!port) {
    print_error(port.error().message);
    ctx.exit_code = o.allow_remote || server::is_loopback_host(o.host) ? kFailed : kBadInput;
    return;
  }
  fmt::print("runknee: serving {} (store {}); press Ctrl-C to stop\n", http.url(),
             ctx.db_path.string());
  std::fflush(stdout);
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    http.stop();
  });
  http.run();
  // run() also returns when the socket fails; wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  fmt::print("runknee: stopped\n");
}

}  // namespace

void add_serve_commands(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "Serve the web app and the JSON API on this machine");
  cmd->add_option("--port", opts->port, "TCP port (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--host", opts->host, "Address to bind (loopback unless --allow-remote)")
      ->capture_default_str();
  cmd->add_flag("--allow-remote", opts->allow_remote,
                "Allow a non-loopback --host (anyone on the network can then read your data)");
  cmd->add_option("--max-upload-mb", opts->max_upload_mb, "Largest accepted upload, in MiB")
      ->capture_default_str()
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--allowed-host", opts->allowed_hosts,
                  "Another name this server may be reached by (Host header), e.g. knee.local");
  cmd->callback([opts, &ctx] { run_serve(*opts, ctx); });
}

}  // namespace rk::cli
