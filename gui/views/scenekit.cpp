#include "views/scenekit.h"

#include <QApplication>
#include <QBrush>
#include <QFontMetricsF>
#include <QGraphicsTextItem>
#include <QPen>
#include <QTextDocument>
#include <QTextOption>
#include <QtMath>

namespace virtlab::explorer {

QFont SceneStyle::font(double scale, bool bold) const {
  QFont f = fontFamily.isEmpty() ? QApplication::font() : QFont(fontFamily);
  f.setPointSizeF(basePointSize * scale);
  f.setBold(bold);
  return f;
}

QGraphicsRectItem* SceneKit::box(const QRectF& rect, const QString& title, const QStringList& details,
                                 const QColor& fill, const QString& action, const QString& key, int highlight) {
  const bool live = highlight != 0;
  auto* item = scene_->addRect(rect, QPen(live ? colors::live : fill.darker(160), live ? 4 : 1.5), QBrush(fill));
  if (!action.isEmpty()) {
    item->setData(kActionRole, action);
    item->setCursor(Qt::PointingHandCursor);
    item->setToolTip(QApplication::translate("SceneKit", "Click to open"));
  }
  if (!key.isEmpty()) item->setData(kKeyRole, key);
  const double pad = 6;
  auto* heading = new QGraphicsSimpleTextItem(title, item);
  heading->setFont(style_.font(1.1, true));
  heading->setBrush(colors::text);
  heading->setPos(rect.left() + pad, rect.top() + pad);
  double y = rect.top() + pad + unit() * 1.3;
  for (const QString& line : details) {
    if (y + unit() > rect.bottom() + 2) break;  // never draw outside the box
    auto* text = new QGraphicsSimpleTextItem(line, item);
    text->setFont(style_.font(0.9));
    text->setBrush(colors::text);
    // Elide what does not fit: the full text stays in the tooltip.
    QFontMetricsF metrics(text->font());
    const QString elided = metrics.elidedText(line, Qt::ElideRight, rect.width() - 2 * pad);
    if (elided != line) {
      text->setText(elided);
      text->setToolTip(line);
    }
    text->setPos(rect.left() + pad, y);
    y += unit();
  }
  if (highlight == kThisMachine) {
    auto* badge = new QGraphicsSimpleTextItem(QApplication::translate("SceneKit", "◀ this machine"), item);
    badge->setFont(style_.font(0.9, true));
    badge->setBrush(colors::live);
    const double w = badge->boundingRect().width();
    badge->setPos(rect.right() - w - pad, rect.top() + pad);
  }
  return item;
}

QGraphicsSimpleTextItem* SceneKit::label(const QPointF& pos, const QString& text, double scale, bool bold,
                                         const QColor& color) {
  auto* item = scene_->addSimpleText(text, style_.font(scale, bold));
  item->setBrush(color);
  item->setPos(pos);
  return item;
}

double SceneKit::paragraph(const QPointF& pos, double width, const QString& text, double scale, const QColor& color,
                           bool bold) {
  auto* item = scene_->addText(text, style_.font(scale, bold));
  item->setDefaultTextColor(color);
  item->setTextWidth(width);
  item->setPos(pos);
  return item->boundingRect().height();
}

void SceneKit::arrow(const QPointF& from, const QPointF& to, const QColor& color, const QString& text) {
  QPen pen(color, 2);
  scene_->addLine(QLineF(from, to), pen);
  const QLineF line(to, from);
  const double angle = qDegreesToRadians(line.angle());
  const double size = 10;
  QPolygonF head;
  head << to << to + QPointF(std::cos(angle + M_PI / 7) * size, -std::sin(angle + M_PI / 7) * size)
       << to + QPointF(std::cos(angle - M_PI / 7) * size, -std::sin(angle - M_PI / 7) * size);
  scene_->addPolygon(head, pen, QBrush(color));
  if (!text.isEmpty()) label((from + to) / 2 + QPointF(6, -unit() / 2), text, 0.85, false, color);
}

QRectF SceneKit::note(const QPointF& pos, double width, const QString& title, const QString& body, const QColor& fill) {
  auto* text = scene_->addText(QString(), style_.font(0.95));
  text->setTextWidth(width - 12);
  text->setPlainText(body);
  text->setDefaultTextColor(colors::text);
  const double h = text->boundingRect().height() + unit() * 1.5 + 8;
  const QRectF rect(pos, QSizeF(width, h));
  auto* frame = scene_->addRect(rect, QPen(fill.darker(170), 1.5), QBrush(fill));
  frame->setZValue(-1);
  label(pos + QPointF(6, 4), title, 1.0, true);
  text->setPos(pos + QPointF(4, unit() * 1.3));
  return rect;
}

QStringList sceneTexts(const QGraphicsScene& scene) {
  QStringList texts;
  for (const QGraphicsItem* item : scene.items(Qt::AscendingOrder)) {
    if (const auto* simple = qgraphicsitem_cast<const QGraphicsSimpleTextItem*>(item)) {
      texts << simple->text();
      if (!simple->toolTip().isEmpty()) texts << simple->toolTip();
    } else if (const auto* rich = qgraphicsitem_cast<const QGraphicsTextItem*>(item)) {
      texts << rich->toPlainText();
    }
  }
  return texts;
}

QStringList sceneKeys(const QGraphicsScene& scene) {
  QStringList keys;
  for (const QGraphicsItem* item : scene.items(Qt::AscendingOrder)) {
    const QString key = item->data(kKeyRole).toString();
    if (!key.isEmpty()) keys << key;
  }
  return keys;
}

QString humanBytes(double bytes) {
  static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  int unit = 0;
  while (bytes >= 1024 && unit < 5) {
    bytes /= 1024;
    ++unit;
  }
  return unit == 0 ? QStringLiteral("%1 B").arg(static_cast<qint64>(bytes))
                   : QStringLiteral("%1 %2").arg(bytes, 0, 'f', bytes < 10 ? 1 : 0).arg(QLatin1String(units[unit]));
}

}  // namespace virtlab::explorer
