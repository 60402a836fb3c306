/**
 * Every module that registers a subject kind of the review chain, imported for its side effect
 * so that the routes know them all. A new kind (e.g. proactive_item.publish) adds its line.
 */
import '../applications/approvals.js';
import '../report-approval.js';
import '../proactive/review.js';
