#include "views/i18n.h"

#include <QApplication>
#include <QFontDatabase>
#include <QLocale>
#include <QTranslator>

namespace virtlab::explorer {

namespace {
QTranslator* g_translator = nullptr;
QString g_language = QStringLiteral("en");
}  // namespace

bool setLanguage(const QString& lang) {
  if (lang != QLatin1String("ko") && lang != QLatin1String("en")) return false;
  auto* translator = new QTranslator(qApp);
  if (!translator->load(QStringLiteral(":/i18n/explorer_%1.qm").arg(lang))) {
    delete translator;
    return false;
  }
  if (g_translator) {
    QCoreApplication::removeTranslator(g_translator);
    g_translator->deleteLater();
  }
  g_translator = translator;
  QCoreApplication::installTranslator(translator);  // sends LanguageChange: windows retranslate and redraw
  g_language = lang;
  return true;
}

QString currentLanguage() {
  return g_language;
}

QString defaultLanguage() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const QString value = qEnvironmentVariable(var);
    if (!value.isEmpty()) return value.startsWith(QLatin1String("ko")) ? QStringLiteral("ko") : QStringLiteral("en");
  }
  return QStringLiteral("en");
}

QString installCjkFont() {
  const QStringList families = QFontDatabase::families();
  for (const QString& wanted :
       {QStringLiteral("Noto Sans CJK KR"), QStringLiteral("Noto Sans KR"), QStringLiteral("Noto Sans CJK JP"),
        QStringLiteral("NanumGothic"), QStringLiteral("UnDotum")}) {
    if (families.contains(wanted)) {
      QFont font(wanted);
      font.setPointSize(QApplication::font().pointSize() > 0 ? QApplication::font().pointSize() : 10);
      QApplication::setFont(font);
      return wanted;
    }
  }
  return {};
}

}  // namespace virtlab::explorer
