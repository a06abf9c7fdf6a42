-- "My tasks" (/tasks): a member's open tasks across leads by due
-- date, read through (organization_id, is_complete, assigned_to, due_date).
ALTER TABLE tasks ADD KEY open_by_assignee (organization_id, is_complete, assigned_to, due_date);
