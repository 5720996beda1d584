#include "util/xml_escape.h"

#include <gtest/gtest.h>

namespace rk {
namespace {

TEST(XmlEscape, EscapesMarkupAndQuotes) {
  EXPECT_EQ(xml_escape("a < b & \"c\" > d"), "a &lt; b &amp; &quot;c&quot; &gt; d");
  EXPECT_EQ(xml_escape("plain"), "plain");
}

}  // namespace
}  // namespace rk
