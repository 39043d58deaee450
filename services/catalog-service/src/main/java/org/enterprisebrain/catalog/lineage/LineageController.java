package org.enterprisebrain.catalog.lineage;

import org.enterprisebrain.web.ProblemException;
import java.util.List;
import org.enterprisebrain.catalog.api.LineageApi;
import org.enterprisebrain.catalog.api.model.LineageEdge;
import org.enterprisebrain.catalog.api.model.LineageEdgeRequest;
import org.enterprisebrain.catalog.api.model.LineageGradeProposal;
import org.enterprisebrain.catalog.api.model.LineageNode;
import org.enterprisebrain.catalog.api.model.LineageNodeRequest;
import org.enterprisebrain.catalog.api.model.LineageView;
import org.enterprisebrain.catalog.api.model.PropagatedGrade;
import org.enterprisebrain.catalog.web.ApiMapping;
import org.enterprisebrain.web.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class LineageController implements LineageApi {

  private final LineageService lineage;

  public LineageController(LineageService lineage) {
    this.lineage = lineage;
  }

  @Override
  public ResponseEntity<LineageView> getLineage(String node, Integer depth) {
    int d = depth == null ? 3 : depth;
    if (d < 1 || d > 10) {
      throw ProblemException.badRequest("depth", "depth must be between 1 and 10");
    }
    LineageService.View view = lineage.view(node, d);
    return ResponseEntity.ok(new LineageView(view.nodes().stream().map(LineageController::node).toList(),
        view.edges().stream().map(LineageController::edge).toList()));
  }

  @Override
  public ResponseEntity<LineageEdge> registerLineageEdge(LineageEdgeRequest request) {
    return ResponseEntity.ok(edge(lineage.register(request.getFrom(), request.getTo(), request.getTransform(),
        Boolean.TRUE.equals(request.getDeidentifying()), Callers.current().name())));
  }

  @Override
  public ResponseEntity<LineageEdge> approveLineageEdge(Long edgeId) {
    return ResponseEntity.ok(edge(lineage.approve(edgeId, Callers.current().name())));
  }

  @Override
  public ResponseEntity<LineageNode> labelLineageNode(LineageNodeRequest request) {
    return ResponseEntity.ok(node(lineage.label(request.getId(), ApiMapping.grade(request.getOwnGrade()),
        request.getAuthorityReference(), Callers.current().name())));
  }

  private static LineageNode node(LineageService.NodeView view) {
    List<PropagatedGrade> propagated = view.propagated().stream()
        .map(p -> new PropagatedGrade(ApiMapping.grade(p.grade()), p.origin(), p.path())).toList();
    return new LineageNode(view.node().id(), LineageNode.KindEnum.fromValue(view.node().kind()), view.node().name(),
        propagated)
        .ownGrade(view.node().ownGrade() == null ? null : ApiMapping.grade(view.node().ownGrade()))
        .effectiveGrade(view.effective() == null ? null : ApiMapping.grade(view.effective()))
        .proposal(view.proposal() == null ? null : new LineageGradeProposal(view.proposal().by(),
            ApiMapping.time(view.proposal().at())).grade(view.proposal().grade() == null ? null
            : ApiMapping.grade(view.proposal().grade())));
  }

  private static LineageEdge edge(LineageRepository.StoredEdge stored) {
    LineageGraph.Edge e = stored.edge();
    return new LineageEdge(e.id(), e.from(), e.to(), e.deidentifying(), stored.createdBy())
        .transform(e.transform())
        .approvedBy(e.approvedBy())
        .approvedAt(ApiMapping.time(stored.approvedAt()));
  }
}
