#include "views/graphicsview.h"

#include <QGraphicsItem>
#include <QMouseEvent>
#include <QWheelEvent>

#include "views/scenekit.h"

namespace virtlab::explorer {

GraphicsView::GraphicsView(QWidget* parent) : QGraphicsView(parent) {
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  setDragMode(QGraphicsView::ScrollHandDrag);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setBackgroundBrush(Qt::white);
}

void GraphicsView::zoomBy(double factor) {
  scale(factor, factor);
}

void GraphicsView::fit() {
  if (scene()) fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
}

void GraphicsView::wheelEvent(QWheelEvent* event) {
  if (event->modifiers() & Qt::ControlModifier) {
    zoomBy(event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
    event->accept();
    return;
  }
  QGraphicsView::wheelEvent(event);
}

void GraphicsView::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    for (QGraphicsItem* item = itemAt(event->position().toPoint()); item; item = item->parentItem()) {
      const QString action = item->data(kActionRole).toString();
      if (!action.isEmpty()) {
        Q_EMIT actionTriggered(action);
        event->accept();
        return;
      }
    }
  }
  QGraphicsView::mousePressEvent(event);
}

}  // namespace virtlab::explorer
