#include "formats/fit/fit_fields.h"

#include "formats/fit/fit_profile.h"

namespace rk::fit::detail {
namespace {

constexpr MapEntry kMap[] = {
    {kMesgRecord, 0, S(kLat)},
    {kMesgRecord, 1, S(kLon)},
    {kMesgRecord, 2, S(kAlt)},
    {kMesgRecord, 3, S(kHr)},
    {kMesgRecord, 4, S(kCad)},
    {kMesgRecord, 5, S(kDist)},
    {kMesgRecord, 6, S(kSpeed)},
    {kMesgRecord, 8, kMapCsd},
    {kMesgRecord, 39, S(kVo)},
    {kMesgRecord, 41, S(kStance)},
    {kMesgRecord, 53, S(kFracCad)},
    {kMesgRecord, 73, S(kEnhSpeed)},
    {kMesgRecord, 78, S(kEnhAlt)},
    {kMesgRecord, 85, S(kStepLen)},
    {kMesgSession, 2, S(kStart)},
    {kMesgSession, 5, S(kSport)},
    {kMesgSession, 6, S(kSubSport)},
    {kMesgSession, 7, S(kElapsed)},
    {kMesgSession, 8, S(kTimer)},
    {kMesgSession, 9, S(kTotalDist)},
    {kMesgSession, 16, S(kAvgHr)},
    {kMesgSession, 17, S(kMaxHr)},
    {kMesgSession, 18, S(kAvgCad)},
    {kMesgSession, 22, S(kAscent)},
    {kMesgSession, 23, S(kDescent)},
    {kMesgSession, 89, S(kAvgVo)},
    {kMesgSession, 91, S(kAvgStance)},
    {kMesgSession, 92, S(kAvgFracCad)},
    {kMesgSession, 134, S(kAvgStepLen)},
    {kMesgLap, 2, S(kStart)},
    {kMesgLap, 7, S(kElapsed)},
    {kMesgLap, 8, S(kTimer)},
    {kMesgLap, 9, S(kTotalDist)},
    {kMesgLap, 15, S(kAvgHr)},
    {kMesgLap, 16, S(kMaxHr)},
    {kMesgLap, 17, S(kAvgCad)},
    {kMesgLap, 25, S(kSport)},
    {kMesgLap, 80, S(kAvgFracCad)},
    {kMesgSport, 0, S(kSport)},
    {kMesgSport, 1, S(kSubSport)},
    {kMesgActivity, 5, S(kLocalTs)},
    {kMesgFileId, 0, S(kFileType)},
    {kMesgFileId, 1, S(kManufacturer)},
    {kMesgFileId, 2, S(kProduct)},
    {kMesgFileId, 3, S(kSerial)},
    {kMesgFileId, 4, S(kTimeCreated)},
    {kMesgFileId, 8, Str(kStrProductName)},
    {kMesgEvent, 0, S(kEvent)},
    {kMesgEvent, 1, S(kEventType)},
    {kMesgHrv, 0, kMapHrv},
    {kMesgFieldDescription, 0, S(kDevIndex)},
    {kMesgFieldDescription, 1, S(kFieldNum)},
    {kMesgFieldDescription, 2, S(kFitBaseType)},
    {kMesgFieldDescription, 3, Str(kStrFieldName)},
    {kMesgFieldDescription, 6, S(kDevScale)},
    {kMesgFieldDescription, 7, S(kDevOffset)},
    {kMesgFieldDescription, 8, Str(kStrUnits)},
    {kMesgDeveloperDataId, 3, S(kDevIndex)},
};

}  // namespace

std::uint8_t map_code(std::uint16_t mesg, std::uint8_t num) {
  for (const MapEntry& e : kMap) {
    if (e.mesg == mesg && e.num == num) return e.code;
  }
  return 0;
}

bool decoded_message(std::uint16_t global) {
  switch (global) {
    case kMesgRecord:
    case kMesgSession:
    case kMesgLap:
    case kMesgSport:
    case kMesgActivity:
    case kMesgFileId:
    case kMesgEvent:
    case kMesgHrv:
    case kMesgFieldDescription:
    case kMesgDeveloperDataId:
      return true;
    default:
      return false;
  }
}

}  // namespace rk::fit::detail
