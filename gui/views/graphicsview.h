// The view every page is shown in: zoom (Ctrl+wheel, +/-), pan (drag), fit, and clicks on items that carry an
// action (kActionRole).
#pragma once

#include <QGraphicsView>

namespace virtlab::explorer {

class GraphicsView : public QGraphicsView {
  Q_OBJECT
 public:
  explicit GraphicsView(QWidget* parent = nullptr);
  void zoomBy(double factor);
  void fit();

 Q_SIGNALS:
  void actionTriggered(const QString& action);

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
};

}  // namespace virtlab::explorer
