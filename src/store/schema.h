#pragma once
// The list of schema steps Store::open runs. Each repository adds its own ensure_schema here.

#include <functional>
#include <vector>

#include "store/database.h"

namespace rk {

using SchemaStep = Expected<void> (*)(Database&);
const std::vector<SchemaStep>& schema_steps();

}  // namespace rk
