#pragma once
// POST /api/v1/imports: the body (raw, or each file part of a multipart form) is streamed to a
// temporary file in the data folder under a name the server makes up, never one taken from the
// request, then handed to the import pipeline and removed.

#include <filesystem>
#include <string_view>

#include "server/state.h"

namespace rk::server {

/// ".fit", ".gpx", ".tcx", ".csv", ".zip", ".gz" from a client's file name; "" for anything
/// else. Only this whitelisted suffix of the client's name reaches the file system.
std::string_view upload_extension(std::string_view client_name);

/// A fresh "upload-<32 hex digits><ext>" path in `dir`.
std::filesystem::path upload_path(const std::filesystem::path& dir, std::string_view ext);

/// Removes "upload-*" files a crash left in `dir` (called when the server starts).
void remove_stale_uploads(const std::filesystem::path& dir);

ApiResult import_upload(State& s, Call& c);

}  // namespace rk::server
