// The runner's units (`runknee config set units km|mi`, the Settings page): every distance the
// web app shows goes through here. The API keeps kilometres.

import { get } from './api';
import { fmtNum, fmtPace } from './dom';

export type Units = 'km' | 'mi';
const KM_PER_MILE = 1.609344;
let current: Units = 'km';

export function units(): Units {
  return current;
}

export function setUnits(u: Units): void {
  current = u;
}

/// Reads the setting once at start-up; the app keeps kilometres when it cannot.
export async function loadUnits(): Promise<void> {
  try {
    const s = await get<{ units: Units }>('/settings');
    current = s.units === 'mi' ? 'mi' : 'km';
  } catch {
    current = 'km';
  }
}

/// "8.0 km" or "5.0 mi".
export function dist(km: number | null | undefined, digits = 1): string {
  if (km === null || km === undefined) return fmtNum(km, digits, current);
  return fmtNum(current === 'mi' ? km / KM_PER_MILE : km, digits, current);
}

/// A distance in the runner's units as a number (for charts).
export function distValue(km: number): number {
  return current === 'mi' ? km / KM_PER_MILE : km;
}

const M_PER_FOOT = 0.3048;

/// Short lengths (step length, climb) follow the distance unit: metres with km, feet with miles.
export function heightUnit(): 'm' | 'ft' {
  return current === 'mi' ? 'ft' : 'm';
}

/// A length in metres as a number in the runner's short unit (for tables and charts).
export function heightValue(m: number): number {
  return current === 'mi' ? m / M_PER_FOOT : m;
}

/// "120 m" or "394 ft".
export function height(m: number | null | undefined, digits = 0): string {
  if (m === null || m === undefined) return fmtNum(m, digits, heightUnit());
  return fmtNum(heightValue(m), digits, heightUnit());
}

/// "5:30 /km" or "8:51 /mi".
export function pace(sPerKm: number | null | undefined): string {
  if (current === 'km' || !sPerKm) return fmtPace(sPerKm);
  return fmtPace(sPerKm * KM_PER_MILE).replace('/km', '/mi');
}
