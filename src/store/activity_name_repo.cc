#include "store/activity_name_repo.h"

#include "util/error.h"

namespace rk {

Expected<std::string> clean_activity_name(std::string_view name) {
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  std::size_t chars = 0;
  for (std::size_t i = 0; i < name.size(); ++chars) {
    const auto c = static_cast<unsigned char>(name[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > name.size()) return fail("name: not valid UTF-8 text");
    std::uint32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(name[i + k]);
      if ((cc & 0xC0) != 0x80) return fail("name: not valid UTF-8 text");
      cp = (cp << 6) | (cc & 0x3F);
    }
    const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
                          (len == 4 && (cp < 0x10000 || cp > 0x10FFFF));
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF)) return fail("name: not valid UTF-8 text");
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
      return fail("name: control characters (tabs, new lines) are not allowed");
    i += len;
  }
  if (chars > kActivityNameMaxChars)
    return fail("name: {} characters; at most {}", chars, kActivityNameMaxChars);
  return std::string(name);
}

Expected<bool> ActivityNameRepo::set(UserId user, std::int64_t activity_id,
                                     const std::string& name) {
  auto exists = db_.prepare("SELECT 1 FROM activities WHERE user_id = ? AND id = ?");
  if (!exists) return fail(exists.error());
  exists->bind(1, user.value).bind(2, activity_id);
  auto row = exists->step();
  if (!row) return fail(row.error());
  if (!*row) return false;
  auto st = name.empty()
                ? db_.prepare("DELETE FROM activity_names WHERE user_id = ? AND activity_id = ?")
                : db_.prepare(
                      "INSERT INTO activity_names(user_id, activity_id, name) VALUES (?, ?, ?) "
                      "ON CONFLICT(activity_id) DO UPDATE SET name = excluded.name "
                      "WHERE activity_names.user_id = excluded.user_id");
  if (!st) return fail(st.error());
  st->bind(1, user.value).bind(2, activity_id);
  if (!name.empty()) st->bind(3, name);
  if (auto r = st->run(); !r) return fail(r.error());
  return true;
}

Expected<std::optional<std::string>> ActivityNameRepo::find(UserId user, std::int64_t activity_id) {
  auto st = db_.prepare("SELECT name FROM activity_names WHERE user_id = ? AND activity_id = ?");
  if (!st) return fail(st.error());
  st->bind(1, user.value).bind(2, activity_id);
  auto row = st->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(st->column_text(0));
}

Expected<std::map<std::int64_t, std::string>> ActivityNameRepo::all(UserId user) {
  auto st = db_.prepare("SELECT activity_id, name FROM activity_names WHERE user_id = ?");
  if (!st) return fail(st.error());
  st->bind(1, user.value);
  std::map<std::int64_t, std::string> out;
  for (;;) {
    auto row = st->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    out[st->column_int(0)] = st->column_text(1);
  }
  return out;
}

}  // namespace rk
