package io.thumbflow.core.cost;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.Invocation;
import io.thumbflow.core.RequestCounts;
import java.util.HashMap;
import java.util.Map;

/**
 * What a run's results say about its cost, gathered one result at a time (a run may have millions):
 * the distinct Lambda invocations, the storage requests per source and the CPU time spent.
 */
public final class CostFacts {
  private final Map<String, Invocation> invocations = new HashMap<>();
  private long images;
  private long skipped;
  private long ignored;
  private long renditionsWritten;
  private long get;
  private long head;
  private long put;
  private double cpuMs;
  private long itemsWithCpu;

  /** Takes what {@code r} tells. */
  public void add(ImageResult r) {
    images++;
    if (r.isSkipped()) skipped++;
    if (r.isIgnored()) ignored++;
    if (r.isOk()) renditionsWritten += r.renditions().size();
    RequestCounts c = r.requests();
    if (c != null) {
      get += c.get();
      head += c.head();
      put += c.put();
    }
    if (r.cpuMs() > 0) {
      cpuMs += r.cpuMs();
      itemsWithCpu++;
    }
    Invocation inv = r.invocation();
    if (inv != null && inv.requestId() != null) invocations.putIfAbsent(inv.requestId(), inv);
  }

  public long images() {
    return images;
  }

  /** Items whose outputs were already up to date: no decode, only the up-to-date checks. */
  public long skipped() {
    return skipped;
  }

  /** Entries the run left out (folder markers, links, documents): no work at all. */
  public long ignored() {
    return ignored;
  }

  /** Items that were decoded (or tried to be): every item neither skipped nor ignored. */
  public long decoded() {
    return images - skipped - ignored;
  }

  /** Distinct Lambda invocations seen, by request id. */
  public Map<String, Invocation> invocations() {
    return invocations;
  }

  public long renditionsWritten() {
    return renditionsWritten;
  }

  public long get() {
    return get;
  }

  public long head() {
    return head;
  }

  public long put() {
    return put;
  }

  /** CPU time over the items that measured it (ms). */
  public double cpuMs() {
    return cpuMs;
  }

  public long itemsWithCpu() {
    return itemsWithCpu;
  }
}
