// A synthetic runner's history for benchmarks and load checks, encoded as FIT activity files by
// Garmin's own encoder: about five runs a week at 1 Hz (time, position, distance, speed, altitude,
// heart rate, cadence), weekly volume drifting between 10 and 90 km with occasional jumps, and a
// few single-run spikes. truth.json lists what each file holds. The same seed gives the same files.
// usage: node make-history.mjs OUTDIR [YEARS=10] [SEED=1]
import { Encoder, Profile } from "@garmin/fitsdk";
import * as fs from "fs";
import * as path from "path";

const [outDir, yearsArg = "10", seedArg = "1"] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: node make-history.mjs OUTDIR [YEARS] [SEED]");
  process.exit(2);
}

// A small linear congruential generator: reproducible across Node versions, unlike Math.random.
let state = Number(seedArg) >>> 0 || 1;
const random = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;

const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;
const METRES_PER_DEGREE = 111320;
const FIRST_DAY = Date.UTC(2016, 0, 4, 6, 30, 0); // a Monday
const RUN_DAYS = [1, 2, 4, 5, 6]; // days after Monday: Tue, Wed, Fri, Sat, Sun (the long run)
const LONG_RUN_DAY = 6;

function nextWeekVolume(km) {
  const drift = km * (0.92 + random() * 0.2);
  const jump = random() < 0.05 ? 15 : 0;
  return Math.max(10, Math.min(90, drift + jump));
}

function runDistanceKm(weekKm, dayOfWeek) {
  const share = dayOfWeek === LONG_RUN_DAY ? 0.35 : 0.16;
  let km = weekKm * share * (0.8 + random() * 0.4);
  if (random() < 0.02) km *= 1.8; // a single-run spike
  return Math.max(2, km);
}

function encodeRun(start, seconds, speed, cadenceSpm) {
  const enc = new Encoder();
  enc.onMesg(Profile.MesgNum.FILE_ID, {
    manufacturer: "garmin", product: 3113, serialNumber: 1234567, timeCreated: start, type: "activity",
  });
  enc.onMesg(Profile.MesgNum.EVENT, { timestamp: start, event: "timer", eventType: "start" });
  let lat = 52.37 + random() * 0.01;
  let lon = 4.89 + random() * 0.01;
  let heading = random() * 2 * Math.PI;
  let metres = 0;
  for (let s = 0; s <= seconds; s++) {
    const v = speed * (0.9 + 0.2 * Math.sin(s / 97));
    metres += v;
    heading += (random() - 0.5) * 0.05;
    lat += (v * Math.cos(heading)) / METRES_PER_DEGREE;
    lon += (v * Math.sin(heading)) / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
    enc.onMesg(Profile.MesgNum.RECORD, {
      timestamp: new Date(start.getTime() + s * 1000),
      positionLat: Math.round(lat * SEMICIRCLES_PER_DEGREE),
      positionLong: Math.round(lon * SEMICIRCLES_PER_DEGREE),
      distance: metres,
      enhancedSpeed: v,
      enhancedAltitude: 10 + 5 * Math.sin(s / 300),
      heartRate: Math.round(130 + 25 * (s / seconds) + random() * 5),
      cadence: Math.floor(cadenceSpm / 2), // FIT running cadence counts one foot
      fractionalCadence: (cadenceSpm % 2) / 2,
    });
  }
  const end = new Date(start.getTime() + seconds * 1000);
  const totals = { timestamp: end, startTime: start, totalElapsedTime: seconds, totalTimerTime: seconds,
                   totalDistance: metres, sport: "running" };
  enc.onMesg(Profile.MesgNum.EVENT, { timestamp: end, event: "timer", eventType: "stopAll" });
  enc.onMesg(Profile.MesgNum.LAP, { ...totals, messageIndex: 0, event: "lap", eventType: "stop" });
  enc.onMesg(Profile.MesgNum.SESSION, {
    ...totals, messageIndex: 0, subSport: "generic", firstLapIndex: 0, numLaps: 1,
    avgRunningCadence: Math.floor(cadenceSpm / 2), event: "lap", eventType: "stop",
  });
  enc.onMesg(Profile.MesgNum.ACTIVITY, {
    timestamp: end, numSessions: 1, type: "manual", event: "activity", eventType: "stop",
    totalTimerTime: seconds,
  });
  return { bytes: enc.close(), metres };
}

fs.mkdirSync(outDir, { recursive: true });
const truth = [];
let weekKm = 20;
const days = Math.round(Number(yearsArg) * 365);
for (let day = 0; day < days; day++) {
  const dayOfWeek = day % 7;
  if (dayOfWeek === 0) weekKm = nextWeekVolume(weekKm);
  if (!RUN_DAYS.includes(dayOfWeek) || random() < 0.1) continue; // one run in ten is skipped
  const km = runDistanceKm(weekKm, dayOfWeek);
  const speed = 2.6 + random() * 1.2; // m/s
  const seconds = Math.round((km * 1000) / speed);
  const start = new Date(FIRST_DAY + day * 86400000 + Math.round(random() * 3600) * 1000);
  const cadenceSpm = Math.round(150 + random() * 30);
  const { bytes, metres } = encodeRun(start, seconds, speed, cadenceSpm);
  const file = `${start.toISOString().slice(0, 19).replace(/[:T]/g, "-")}.fit`;
  fs.writeFileSync(path.join(outDir, file), bytes);
  truth.push({ file, start: start.toISOString(), seconds, meters: Math.round(metres * 100) / 100,
               cadence_spm: cadenceSpm, sport: "running", bytes: bytes.length });
}
fs.writeFileSync(path.join(outDir, "truth.json"), JSON.stringify(truth, null, 1));
const total = truth.reduce((sum, t) => sum + t.bytes, 0);
console.log(`${truth.length} activities, ${total} bytes in ${outDir}`);
