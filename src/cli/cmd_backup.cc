// The runner's data as files: `backup FILE`, `restore FILE`, `export DIR|FILE.zip` and
// `forget --all`. The store does the work (store/store.h); this file asks and reports.

#include <fmt/format.h>
#include <zip.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/time.h"

namespace rk::cli {
namespace {

constexpr const char* kForgetPhrase = "forget everything";

/// Every row of `table` that `user` owns as a JSON object; columns named *_json hold JSON and
/// are embedded as such, blobs (packed GPS/heart-rate streams) are written as hex.
Expected<nlohmann::json> dump_table(Database& db, UserId user, const std::string& table) {
  auto st = db.prepare("SELECT * FROM \"" + table + "\" WHERE user_id = ? ORDER BY rowid");
  if (!st) return fail(st.error());
  st->bind(1, user.value);
  nlohmann::json rows = nlohmann::json::array();
  for (;;) {
    auto more = st->step();
    if (!more) return fail(more.error());
    if (!*more) break;
    nlohmann::json row = nlohmann::json::object();
    for (int c = 0; c < st->column_count(); ++c) {
      const std::string name = st->column_name(c);
      switch (st->column_type(c)) {
        case ColumnType::kInteger:
          row[name] = st->column_int(c);
          break;
        case ColumnType::kFloat:
          row[name] = st->column_double(c);
          break;
        case ColumnType::kText: {
          std::string text = st->column_text(c);
          nlohmann::json j = nlohmann::json(nlohmann::json::value_t::discarded);
          if (name.ends_with("_json")) j = nlohmann::json::parse(text, nullptr, false);
          row[name] = j.is_discarded() ? nlohmann::json(std::move(text)) : std::move(j);
          break;
        }
        case ColumnType::kBlob: {
          std::string hex;
          for (const auto b : st->column_blob(c)) hex += fmt::format("{:02x}", b);
          row[name] = std::move(hex);
          break;
        }
        default:
          row[name] = nullptr;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Expected<void> write_zip(const std::filesystem::path& path,
                         const std::map<std::string, std::string>& files) {
  const auto tmp = path.string() + ".partial";
  int err = 0;
  zip_t* z = zip_open(tmp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) return fail("{}: cannot create the zip (libzip error {})", path.string(), err);
  for (const auto& [name, text] : files) {
    zip_source_t* src = zip_source_buffer(z, text.data(), text.size(), 0);
    if (!src || zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
      if (src) zip_source_free(src);
      zip_discard(z);
      return fail("{}: {}", path.string(), "cannot add " + name);
    }
  }
  if (zip_close(z) != 0) {
    const std::string why = zip_strerror(z);
    zip_discard(z);
    return fail("{}: {}", path.string(), why);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return fail("{}: {}", path.string(), ec.message());
  return {};
}

void run_export(Context& ctx, const std::string& target) {
  auto store = ctx.store();
  if (!store) return void(ctx.exit_code = report_error(store.error()));
  auto tables = (*store)->tables();
  if (!tables) return void(ctx.exit_code = report_error(tables.error()));
  std::map<std::string, std::string> files;
  std::size_t records = 0;
  for (const auto& t : *tables) {
    auto rows = dump_table((*store)->db(), (*store)->local_user(), t);
    if (!rows) return void(ctx.exit_code = report_error(rows.error()));
    records += rows->size();
    files[t + ".json"] = rows->dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  files["README.txt"] = fmt::format(
      "runknee export, {}\nOne JSON file per table of the store, one object per record.\n"
      "Columns named *_json are embedded as JSON; binary streams are hex.\n",
      format_utc(now_utc()));
  const std::filesystem::path out(target);
  if (out.extension() == ".zip") {
    if (auto ok = write_zip(out, files); !ok) return void(ctx.exit_code = report_error(ok.error()));
  } else {
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec) return void(ctx.exit_code = report_error(Error{fmt::format("{}: {}", target, ec.message())}));
    for (const auto& [name, text] : files) {
      if (auto ok = write_file_atomic(out / name, text); !ok) {
        return void(ctx.exit_code = report_error(ok.error()));
      }
    }
  }
  fmt::print("Exported {} records from {} tables to {}.\n", records, tables->size(), target);
}

void run_forget(Context& ctx, bool all, const std::string& confirm) {
  if (!all) {
    return void(
        ctx.exit_code = report_error(Error{"forget: say --all (nothing else can be forgotten yet)", ErrorKind::kBadInput, {}, {}}));
  }
  std::string typed = confirm;
  if (typed.empty()) {
    fmt::print(
        "This erases every run, assessment, diary entry, KOOS result and plan in {}.\n"
        "Backups you made with `runknee backup` are not touched.\nType '{}' to go on: ",
        ctx.db_path.string(), kForgetPhrase);
    std::fflush(stdout);
    std::getline(std::cin, typed);
  }
  if (typed != kForgetPhrase) {
    return void(ctx.exit_code = report_error(Error{"forget: not confirmed; nothing was erased", ErrorKind::kBadInput, {}, {}}));
  }
  auto store = ctx.store();
  if (!store) return void(ctx.exit_code = report_error(store.error()));
  if (auto ok = (*store)->forget_all((*store)->local_user()); !ok)
    return void(ctx.exit_code = report_error(ok.error()));
  fmt::print("Erased everything in {}.\n", ctx.db_path.string());
}

}  // namespace

void add_backup_commands(CLI::App& app, Context& ctx) {
  auto file = std::make_shared<std::string>();
  auto* backup = app.add_subcommand(
      "backup", "Copy the whole store to FILE (consistent even while `serve` writes)");
  backup->add_option("FILE", *file, "The backup file to write")->required();
  backup->callback([&ctx, file] {
    auto store = ctx.store();
    if (!store) return void(ctx.exit_code = report_error(store.error()));
    if (auto ok = (*store)->backup(*file); !ok) return void(ctx.exit_code = report_error(ok.error()));
    fmt::print("Backed up {} to {}.\n", ctx.db_path.string(), *file);
  });

  auto from = std::make_shared<std::string>();
  auto* restore = app.add_subcommand(
      "restore", "Replace the store with a backup (checked first; a newer layout is refused)");
  restore->add_option("FILE", *from, "A file made by `runknee backup`")->required();
  restore->callback([&ctx, from] {
    auto store = ctx.store();
    if (!store) return void(ctx.exit_code = report_error(store.error()));
    if (auto ok = (*store)->restore(*from); !ok) return void(ctx.exit_code = report_error(ok.error()));
    fmt::print("Restored {} from {}.\n", ctx.db_path.string(), *from);
  });

  auto target = std::make_shared<std::string>();
  auto* exp = app.add_subcommand("export", "Write every record as JSON into DIR or FILE.zip");
  exp->add_option("TARGET", *target, "A folder, or a file ending in .zip")->required();
  exp->callback([&ctx, target] { run_export(ctx, *target); });

  struct ForgetOptions {
    bool all = false;
    std::string confirm;
  };
  auto fo = std::make_shared<ForgetOptions>();
  auto* forget = app.add_subcommand("forget", "Erase the data in the store (asks first)");
  forget->add_flag("--all", fo->all, "Everything: runs, assessments, diary, KOOS, plans");
  forget->add_option(
      "--confirm", fo->confirm,
      std::string("Skip the question by giving the phrase: '") + kForgetPhrase + "'");
  forget->callback([&ctx, fo] { run_forget(ctx, fo->all, fo->confirm); });
}

}  // namespace rk::cli
