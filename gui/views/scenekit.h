// Drawing helpers shared by every page: boxes with a title and detail lines, labels, arrows, notes.
// Every item that leads somewhere carries an action string (kActionRole) that the view turns into a click:
// "open:<page>" switches page, anything else goes to the page's handleAction().
#pragma once

#include <QColor>
#include <QFont>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QStringList>

namespace virtlab::explorer {

inline constexpr int kActionRole = 0;  // QGraphicsItem::data key: the click action
inline constexpr int kKeyRole = 1;     // QGraphicsItem::data key: a stable id for tests ("layer:kernel")

// Colours of the notes' layers, used the same way on every page.
namespace colors {
inline const QColor hardware{0xd7, 0xcc, 0xc8};
inline const QColor hypervisor{0xff, 0xe0, 0xb2};
inline const QColor kernel{0xbb, 0xde, 0xfb};
inline const QColor userland{0xc8, 0xe6, 0xc9};
inline const QColor container{0xb2, 0xdf, 0xdb};
inline const QColor vm{0xff, 0xcc, 0xbc};
inline const QColor live{0xd3, 0x2f, 0x2f};
inline const QColor muted{0xee, 0xee, 0xee};
inline const QColor text{0x21, 0x21, 0x21};
inline const QColor anon{0x64, 0xb5, 0xf6};
inline const QColor file{0x81, 0xc7, 0x84};
inline const QColor swapped{0xff, 0xb7, 0x4d};
inline const QColor absent{0xe0, 0xe0, 0xe0};
inline const QColor warning{0xff, 0xf3, 0xe0};
}  // namespace colors

struct SceneStyle {
  int basePointSize = 11;  // the presentation font size scales every label
  QString fontFamily;      // empty: the application font (a CJK-capable one is installed at start-up)
  QFont font(double scale = 1.0, bool bold = false) const;
};

class SceneKit {
 public:
  SceneKit(QGraphicsScene* scene, const SceneStyle& style) : scene_(scene), style_(style) {}

  QGraphicsScene* scene() const { return scene_; }
  const SceneStyle& style() const { return style_; }
  double unit() const { return style_.basePointSize * 1.6; }  // one text line, in scene units

  // A layer box: bold title, then detail lines. `action` makes it clickable; `highlight` draws a red outline
  // (kOutline) or the outline plus a "◀ this machine" badge (kThisMachine).
  static constexpr int kOutline = 1;
  static constexpr int kThisMachine = 2;
  QGraphicsRectItem* box(const QRectF& rect, const QString& title, const QStringList& details, const QColor& fill,
                         const QString& action = {}, const QString& key = {}, int highlight = 0);
  QGraphicsSimpleTextItem* label(const QPointF& pos, const QString& text, double scale = 1.0, bool bold = false,
                                 const QColor& color = colors::text);
  // Text wrapped to `width`; returns its height.
  double paragraph(const QPointF& pos, double width, const QString& text, double scale = 1.0,
                   const QColor& color = colors::text, bool bold = false);
  void arrow(const QPointF& from, const QPointF& to, const QColor& color = colors::text, const QString& text = {});
  // A boxed note (hints, errors, "needs root: run …"). Returns its rect.
  QRectF note(const QPointF& pos, double width, const QString& title, const QString& body,
              const QColor& fill = colors::warning);
  // Height a box with this many detail lines needs.
  double boxHeight(int detailLines) const { return unit() * (1.6 + detailLines) + 8; }

 private:
  QGraphicsScene* scene_;
  SceneStyle style_;
};

// All text shown in the scene (tests assert key labels are present; the headless mode can print them).
QStringList sceneTexts(const QGraphicsScene& scene);
// Items carrying a key (kKeyRole) — "layer:kernel", "vma:0x7f…".
QStringList sceneKeys(const QGraphicsScene& scene);

// "1.5 GiB", "512 KiB"
QString humanBytes(double bytes);

}  // namespace virtlab::explorer
