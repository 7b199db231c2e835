-- The shipped reasons of the retention policies were English text, so a
-- Dutch vault handed English to its client in a Dutch dossier. A reason
-- still exactly as shipped becomes a key ("default:<category>") that each
-- reader writes in its own language (Policy.ReasonText); a reason the
-- coach wrote stays as written.
UPDATE retention_policies SET reason = 'default:dossier'
	WHERE category = 'dossier' AND reason =
		'Coaching dossier: two years after the trajectory ends, as the practice''s privacy statement promises.';
UPDATE retention_policies SET reason = 'default:rejected_intake'
	WHERE category = 'rejected_intake' AND reason =
		'Intake of someone who was never taken on: one month after the decision.';
UPDATE retention_policies SET reason = 'default:invoice'
	WHERE category = 'invoice' AND reason =
		'Invoices: seven years, the fiscal retention duty (art. 52 AWR).';
