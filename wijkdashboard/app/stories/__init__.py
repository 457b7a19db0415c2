"""Stories as data: read (model), checked against the layers (check) and their numbers filled from them
(numbers). The Verhaal page (pages/verhaal) shows them."""
