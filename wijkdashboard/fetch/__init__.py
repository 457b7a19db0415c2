"""`wijkdashboard fetch`: the complete CBS series (OData) and PDOK's boundaries of every year
into a raw folder, as files the build reads. Imports the build's vocabulary (one mapping from CBS's
labels to the project's variables), never the app."""
