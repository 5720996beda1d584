// The decoding peer: Garmin's own FIT SDK for JavaScript over every *.fit below the given paths
// (folders walked in sorted order), one JSON line per file with its first session's totals, then
// a last line with the run's files, bytes, seconds and MB/s, to put beside runknee's figure.
// usage: node garmin-decode.mjs PATH...
import { Decoder, Stream } from "@garmin/fitsdk";
import * as fs from "fs";
import * as path from "path";

function collect(p, out) {
  if (fs.statSync(p).isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) collect(path.join(p, name), out);
  } else if (/\.fit$/i.test(p)) {
    out.push(p);
  }
  return out;
}

const iso = (t) => (t ? new Date(t).toISOString() : null);
const files = process.argv.slice(2).reduce((out, p) => collect(p, out), []);
let bytes = 0;
const began = process.hrtime.bigint();
for (const file of files) {
  const buffer = fs.readFileSync(file);
  bytes += buffer.length;
  const { messages, errors } = new Decoder(Stream.fromBuffer(buffer)).read();
  const sessions = messages.sessionMesgs ?? [];
  const s = sessions[0] ?? {};
  console.log(JSON.stringify({
    file: path.basename(file), ok: errors.length === 0, errors: errors.map(String).slice(0, 2),
    sport: s.sport ?? null, start: iso(s.startTime), elapsed_s: s.totalElapsedTime ?? null,
    timer_s: s.totalTimerTime ?? null, distance_m: s.totalDistance ?? null,
    records: (messages.recordMesgs ?? []).length, sessions: sessions.length,
  }));
}
const seconds = Number(process.hrtime.bigint() - began) / 1e9;
console.log(JSON.stringify({ total_files: files.length, total_bytes: bytes, seconds,
                             mb_per_s: bytes / 1e6 / seconds }));
