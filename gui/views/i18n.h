// Korean and English at run time: compiled .qm files are resources (:/i18n/explorer_<lang>.qm, built from
// gui/i18n/*.ts by lrelease), and a CJK-capable font so Hangul never renders as boxes.
#pragma once

#include <QString>

namespace virtlab::explorer {

// Installs the translator for "ko" or "en" (replacing the previous one). False for an unknown language or a
// missing .qm (then the English source strings stay).
bool setLanguage(const QString& lang);
QString currentLanguage();
// The language to start with: $LANG/$LC_ALL starting with "ko" → "ko", otherwise "en".
QString defaultLanguage();
// Picks an installed font with Hangul (Noto Sans CJK KR from fonts-noto-cjk) as the application font.
// Returns the family used, or empty when none is installed (then Korean may render as boxes: say so).
QString installCjkFont();

}  // namespace virtlab::explorer
