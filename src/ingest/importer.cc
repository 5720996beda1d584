#include "ingest/importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "formats/archive.h"
#include "formats/decode.h"
#include "ingest/progress.h"
#include "store/activity_repo.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/limits.h"
#include "util/sha256.h"

namespace rk {
namespace {

namespace fs = std::filesystem;

struct Job {
  fs::path path;
  std::uint64_t size = 0;
  bool named = false;  // given on the command line (not found in a folder)
};

/// One file or archive member after the worker is done with it.
struct Unit {
  std::string name;
  std::vector<Activity> activities;  // streams already packed into `packed` and cleared
  std::vector<std::vector<std::uint8_t>> packed;
  std::vector<std::string> warnings;
  std::optional<std::string> error;        // failed
  std::optional<std::string> skip_reason;  // not an activity
  bool known_file = false;                 // SHA-256 already stored (or seen in this run)
  std::string sha256;                      // of the file's bytes, when it was read
  bool continuation = false;               // a later part of a CSV log read in parts
};

/// Hands the writer each job's units in job order, whatever order the workers finish in, so
/// the same files always import the same way (which copy of a duplicate is kept, which name a
/// repeated file is reported under). Memory stays bounded: at most `capacity` units of the job
/// being written wait for the writer (which is taking them, so this cannot deadlock), units of
/// later jobs wait while `capacity` units in all are buffered, and a worker does not start a job
/// more than `window` ahead of the one being written.
class OrderedUnits {
 public:
  OrderedUnits(std::size_t capacity, std::size_t window) : capacity_(capacity), window_(window) {}

  /// Blocks until job `i` is close enough to the writer; false when the import stops.
  bool wait_to_start(std::size_t i) {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return i < next_ + window_ || closed_; });
    return !closed_;
  }
  void push(std::size_t job, Unit u) {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] {
      if (closed_) return true;
      if (job != next_) return buffered_ < capacity_;
      const auto it = jobs_.find(job);
      return it == jobs_.end() || it->second.units.size() < capacity_;
    });
    if (closed_) return;
    jobs_[job].units.push_back(std::move(u));
    ++buffered_;
    changed_.notify_all();
  }
  void job_done(std::size_t job) {
    std::lock_guard lock(mu_);
    jobs_[job].done = true;
    changed_.notify_all();
  }
  /// The next unit in job order; nullopt once job `total - 1` is done and drained.
  std::optional<Unit> pop(std::size_t total) {
    std::unique_lock lock(mu_);
    for (;;) {
      changed_.wait(lock, [&] { return next_ >= total || closed_ || ready(); });
      if (next_ >= total || closed_) return std::nullopt;
      auto it = jobs_.find(next_);
      if (!it->second.units.empty()) {
        Unit u = std::move(it->second.units.front());
        it->second.units.pop_front();
        --buffered_;
        changed_.notify_all();
        return u;
      }
      jobs_.erase(it);  // done and drained
      ++next_;
      changed_.notify_all();
    }
  }
  /// True when the writer has written everything the workers have handed over so far.
  bool idle() {
    std::lock_guard lock(mu_);
    auto it = jobs_.find(next_);
    return it == jobs_.end() || it->second.units.empty();
  }
  /// Unblocks everyone (the writer stopped early, or the import was cancelled).
  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    changed_.notify_all();
  }

 private:
  struct JobUnits {
    std::deque<Unit> units;
    bool done = false;
  };
  bool ready() const {
    auto it = jobs_.find(next_);
    return it != jobs_.end() && (!it->second.units.empty() || it->second.done);
  }

  std::mutex mu_;
  std::condition_variable changed_;
  std::map<std::size_t, JobUnits> jobs_;
  std::size_t next_ = 0, buffered_ = 0;
  const std::size_t capacity_, window_;
  bool closed_ = false;
};

/// Bytes of working memory the decoding workers may hold at once, whatever their number: a
/// worker reserves its file's estimate before reading it and gives it back when done. One
/// estimate larger than the whole budget takes the whole budget (it still runs, alone).
class MemoryBudget {
 public:
  explicit MemoryBudget(std::uint64_t total) : total_(std::max<std::uint64_t>(total, 1)) {}
  std::uint64_t acquire(std::uint64_t want) {
    want = std::min(std::max<std::uint64_t>(want, 1), total_);
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return used_ + want <= total_; });
    used_ += want;
    return want;
  }
  void release(std::uint64_t n) {
    {
      std::lock_guard lock(mu_);
      used_ -= n;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t total_, used_ = 0;
};

/// What decoding `job` may need at its peak: the bytes read, anything inflated from them
/// (checked while inflating against kMaxInflatedBytes; the buffer may briefly be 1.5 times
/// that while it grows) and the decoded activity.
std::uint64_t memory_estimate(const Job& job) {
  std::string name = job.path.filename().string();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::uint64_t inflate = kMaxInflatedBytes + kMaxInflatedBytes / 2;
  if (name.ends_with(".zip")) return job.size + 2 * inflate;
  if (name.ends_with(".gz")) return job.size + inflate;
  return job.size * 4 + (std::uint64_t{1} << 20);
}

/// What the workers share: the jobs, the known file hashes and the output queue.
struct Shared {
  std::vector<Job> jobs;
  std::atomic<std::size_t> next_job{0};
  std::atomic<std::size_t> files_done{0};
  std::atomic<std::uint64_t> bytes_done{0};
  std::unordered_set<std::string> known;  // read-only once workers start
  std::unordered_map<std::string, std::string> seen;  // hash -> first file; the writer's alone
  std::unique_ptr<OrderedUnits> units;
  std::unique_ptr<MemoryBudget> budget;
  const std::atomic<bool>* cancel = nullptr;

  bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
};

/// Where one job's units go: the ordered hand-over, tagged with the job's place.
struct Sink {
  Shared& shared;
  std::size_t job;
  void push(Unit u) const { shared.units->push(job, std::move(u)); }
};

Unit failed_unit(std::string name, std::string message) {
  Unit u;
  u.name = std::move(name);
  u.error = std::move(message);
  return u;
}

std::string summarize_warnings(const Decoded& d) {
  if (d.warnings.empty()) return "no activity in the file";
  return d.warnings.front().message;
}

/// Rows of a CSV log handed to the writer at a time: a million-row log is never held decoded.
constexpr std::size_t kCsvPartRows = limits::csv_part_rows;

Unit unit_of(const std::string& name, const std::string& sha, Decoded&& decoded) {
  Unit u;
  u.name = name;
  u.sha256 = sha;
  for (auto& w : decoded.warnings) u.warnings.push_back(std::move(w.message));
  for (auto& a : decoded.activities) {
    u.packed.push_back(ActivityRepo::pack_streams(a.streams));
    a.streams = {};  // the packed copy is all the writer needs
    u.activities.push_back(std::move(a));
  }
  return u;
}

/// Decodes one activity file's bytes (already read). A CSV log's parts go to `sink` as they
/// are read; the returned Unit is the rest (marked a continuation when parts went first).
Unit decode_unit(const std::string& name, Bytes bytes, const Sink& sink,
                 const StravaEntry* strava) {
  Unit u;
  u.name = name;
  u.sha256 = sha256_hex(bytes);
  // A file met earlier in this run is found by the writer, which sees files in order.
  if (sink.shared.known.count(u.sha256)) {
    u.known_file = true;
    return u;
  }
  bool parts_sent = false;
  auto decoded = decode_any_in_parts(bytes, name, kCsvPartRows, [&](Decoded&& part) {
    Unit p = unit_of(name, u.sha256, std::move(part));
    p.continuation = parts_sent;
    parts_sent = true;
    sink.push(std::move(p));
  });
  u.continuation = parts_sent;
  if (!decoded) {
    u.error = decoded.error().message;
    return u;
  }
  if (strava) apply_strava_entry(*strava, *decoded);
  if (decoded->activities.empty() && !parts_sent) {
    u.skip_reason = summarize_warnings(*decoded);
    return u;
  }
  Unit rest = unit_of(name, u.sha256, std::move(*decoded));
  rest.continuation = parts_sent;
  return rest;
}

void process_zip(const ZipReader& zip, const Sink& sink, int depth) {
  const Shared& shared = sink.shared;
  StravaIndex index;
  if (auto at = zip.find("activities.csv")) {
    if (auto csv = zip.read(*at)) index = parse_strava_index(*csv);
  }
  for (std::size_t i = 0; i < zip.size() && !shared.cancelled(); ++i) {
    if (zip.is_dir(i)) continue;
    const std::string path = zip.member_name(i);
    const MemberKind kind = classify_member(path);
    if (kind != MemberKind::kActivity && kind != MemberKind::kZip) continue;
    const std::string full = fmt::format("{}:{}", zip.name(), path);
    auto bytes = zip.read(i);
    if (!bytes) {
      sink.push(failed_unit(full, bytes.error().message));
      continue;
    }
    if (kind == MemberKind::kZip) {
      auto inner = depth < static_cast<int>(limits::zip_max_nesting)
                       ? ZipReader::open(*bytes, full)
                             : Expected<ZipReader>(fail("{}: zip nested too deep", full));
      if (!inner) {
        sink.push(failed_unit(full, inner.error().message));
      } else {
        process_zip(*inner, sink, depth + 1);
      }
      continue;
    }
    const auto it = index.find(path);
    sink.push(decode_unit(full, *bytes, sink, it == index.end() ? nullptr : &it->second));
  }
}

void process_job(const Job& job, const Sink& sink) {
  const std::string name = job.path.string();
  auto bytes = read_file_bytes(job.path);
  if (!bytes) {
    sink.push(failed_unit(name, bytes.error().message));
    return;
  }
  if (is_zip(*bytes)) {
    // An archive's own hash says nothing about its members; they are checked one by one.
    auto zip = ZipReader::open(*bytes, name);
    if (!zip) {
      sink.push(failed_unit(name, zip.error().message));
      return;
    }
    process_zip(*zip, sink, 0);
    return;
  }
  Unit u = decode_unit(name, *bytes, sink, nullptr);
  // A CSV in a folder may be any spreadsheet; only one named on the command line must be a log.
  if (u.error && !job.named && classify_member(name) == MemberKind::kOther) {
    u.skip_reason = *u.error;
    u.error.reset();
  }
  sink.push(std::move(u));
}

void worker(Shared& shared) {
  for (;;) {
    if (shared.cancelled()) {
      shared.units->close();  // the writer stops at once, reporting an interrupted import
      break;
    }
    const std::size_t i = shared.next_job.fetch_add(1);
    if (i >= shared.jobs.size() || !shared.units->wait_to_start(i)) break;
    const std::uint64_t held = shared.budget->acquire(memory_estimate(shared.jobs[i]));
    process_job(shared.jobs[i], Sink{shared, i});
    shared.budget->release(held);
    shared.units->job_done(i);
    shared.files_done.fetch_add(1);
    shared.bytes_done.fetch_add(shared.jobs[i].size);
  }
}

bool importable(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return classify_member(p.string()) == MemberKind::kActivity ||
         classify_member(p.string()) == MemberKind::kZip || ext == ".csv";
}

std::vector<Job> collect_jobs(const std::vector<fs::path>& paths, ImportReport& report) {
  std::vector<Job> jobs;
  for (const auto& p : paths) {
    std::error_code ec;
    const auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      report.failed.push_back({p.string(), fmt::format("{}: no such file or folder", p.string())});
      continue;
    }
    if (!fs::is_directory(status)) {
      jobs.push_back({p, fs::file_size(p, ec), true});
      continue;
    }
    std::vector<Job> found;
    for (auto it =
             fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      const auto kind = classify_member(it->path().string());
      if (kind == MemberKind::kStravaIndex || !importable(it->path())) {
        ++report.ignored;
        continue;
      }
      found.push_back({it->path(), it->file_size(ec), false});
    }
    if (ec) report.failed.push_back({p.string(), fmt::format("{}: {}", p.string(), ec.message())});
    // Sorted, so that the same folder imports in the same order every time.
    std::sort(found.begin(), found.end(),
              [](const Job& a, const Job& b) { return a.path < b.path; });
    jobs.insert(jobs.end(), found.begin(), found.end());
  }
  return jobs;
}

/// Stores a unit's activities; duplicates of stored ones are counted, not stored.
Expected<std::size_t> write_unit(ActivityRepo& repo, UserId user, Unit& u, Shared& shared,
                                 ImportReport& report) {
  if (!u.continuation) ++report.files;
  for (auto& w : u.warnings) report.warnings.push_back(std::move(w));
  if (u.error) {
    report.failed.push_back({u.name, *u.error});
    return 0;
  }
  // Units arrive in file order, so of two identical files the first by path is the one kept
  // (the parts of one CSV log share its name and hash).
  const auto [first, inserted] = shared.seen.emplace(u.sha256, u.name);
  if (u.known_file || (!inserted && first->second != u.name)) {
    report.duplicates.push_back({u.name, "file imported before"});
    return 0;
  }
  if (u.skip_reason) {
    report.skipped.push_back({u.name, *u.skip_reason});
    return 0;
  }
  std::size_t stored = 0;
  for (std::size_t i = 0; i < u.activities.size(); ++i) {
    const Activity& a = u.activities[i];
    auto dup = repo.find_duplicate(user, a);
    if (!dup) return fail(dup.error());
    if (*dup) {
      report.duplicates.push_back(
          {a.source.name,
           fmt::format("same activity as #{} (start within 60 s, distance within 2%)", **dup)});
      continue;
    }
    auto id = repo.insert(user, a, u.packed[i]);
    if (!id) return fail(id.error());
    ++report.imported;
    ++stored;
  }
  return stored;
}

Expected<void> run_writer(Database& db, UserId user, Shared& shared, const ImportOptions& options,
                          ProgressBar& bar, ImportReport& report, std::size_t& committed) {
  ActivityRepo repo(db);
  std::optional<Database::Transaction> tx;
  std::size_t in_tx = 0;
  auto commit = [&]() -> Expected<void> {
    if (!tx) return {};
    auto r = tx->commit();
    tx.reset();
    if (r) committed += in_tx;
    in_tx = 0;
    return r;
  };
  while (auto unit = shared.units->pop(shared.jobs.size())) {
    if (shared.cancelled()) {
      report.interrupted = true;
      break;
    }
    if (!tx) {
      auto t = db.begin();
      if (!t) return fail(t.error());
      tx.emplace(std::move(*t));
    }
    auto stored = write_unit(repo, user, *unit, shared, report);
    if (!stored) return fail(stored.error());
    in_tx += *stored;
    // Commit in batches (one activity is one row, so a batch never splits one), and whenever
    // the workers have nothing ready, so little is lost if the process is killed.
    if (in_tx >= options.batch || (in_tx > 0 && shared.units->idle())) {
      if (auto r = commit(); !r) return r;
    }
    bar.update(shared.files_done.load(), shared.bytes_done.load(), report.imported);
  }
  if (shared.cancelled()) report.interrupted = true;
  return commit();
}

template <class... Args>
void add_line(std::string& out, fmt::format_string<Args...> format, Args&&... args) {
  out += fmt::format(format, std::forward<Args>(args)...);
  out += '\n';
}

}  // namespace

Expected<ImportReport> import_paths(Database& db, UserId user, const std::vector<fs::path>& paths,
                                    const ImportOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  ImportReport report;
  Shared shared;
  shared.cancel = options.cancel;
  shared.budget = std::make_unique<MemoryBudget>(options.memory_budget);
  shared.jobs = collect_jobs(paths, report);
  {
    ActivityRepo repo(db);
    auto hashes = repo.file_hashes(user);
    if (!hashes) return fail(hashes.error());
    shared.known.insert(hashes->begin(), hashes->end());
  }
  std::uint64_t total_bytes = 0;
  for (const auto& j : shared.jobs) total_bytes += j.size;
  report.bytes = total_bytes;
  ProgressBar bar(shared.jobs.size(), total_bytes, options.progress);

  const int n = std::max(1, options.jobs);
  // Up to 16 decoded units (files, or parts of a CSV log) wait for the writer; a worker runs at
  // most 2n jobs ahead of it.
  shared.units = std::make_unique<OrderedUnits>(16, 2 * static_cast<std::size_t>(n));
  std::vector<std::jthread> workers;
  for (int i = 0; i < n; ++i) workers.emplace_back([&shared] { worker(shared); });
  std::size_t committed = 0;
  auto written = run_writer(db, user, shared, options, bar, report, committed);
  // On a store error or a cancel the workers may be waiting on the hand-over: release them.
  shared.units->close();
  workers.clear();
  bar.finish();
  if (!written) {
    // A full disk (or any store failure) mid-import: say what is kept, so the runner knows
    // that running the same import again finishes the job (stored files are skipped).
    return fail_as(written.error().kind,
                   "{}; {} {} from this import {} stored before that, each whole; nothing "
                   "partial was kept. Fix the cause and run the same import again: what is "
                   "stored is skipped",
                   written.error().message, committed,
                   committed == 1 ? "activity" : "activities", committed == 1 ? "was" : "were");
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return report;
}

std::string format_report(const ImportReport& r, bool verbose) {
  std::string out;
  for (const auto& w : r.warnings) add_line(out, "warning: {}", w);
  for (const auto& f : r.failed) add_line(out, "error: {}", f.message);
  if (verbose) {
    for (const auto& d : r.duplicates) add_line(out, "duplicate: {}: {}", d.file, d.message);
    for (const auto& s : r.skipped) add_line(out, "skipped: {}", s.message);
  }
  add_line(out, "imported {} {} from {} {} ({:.1f} MB) in {:.2f} s", r.imported,
           r.imported == 1 ? "activity" : "activities", r.files, r.files == 1 ? "file" : "files",
           static_cast<double>(r.bytes) / 1e6, r.seconds);
  add_line(out, "duplicates: {}", r.duplicates.size());
  add_line(out, "skipped: {}{}", r.skipped.size(),
           r.skipped.empty() || verbose ? "" : " (not activities; --verbose lists them)");
  if (!verbose) {
    // Reasons grouped, so 300 settings files give one line, not 300.
    std::vector<std::pair<std::string, std::size_t>> reasons;
    for (const auto& s : r.skipped) {
      std::string reason = s.message;
      if (auto pos = reason.rfind(": "); pos != std::string::npos) reason = reason.substr(pos + 2);
      auto it =
          std::find_if(reasons.begin(), reasons.end(), [&](auto& p) { return p.first == reason; });
      if (it == reasons.end()) {
        reasons.emplace_back(reason, 1);
      } else {
        ++it->second;
      }
    }
    for (const auto& [reason, count] : reasons) add_line(out, "  {} x {}", count, reason);
  }
  add_line(out, "failed: {}", r.failed.size());
  if (r.ignored > 0) add_line(out, "ignored: {} other files in folders", r.ignored);
  if (r.interrupted)
    add_line(out, "interrupted: everything stored so far is complete; run again to continue");
  return out;
}

}  // namespace rk
