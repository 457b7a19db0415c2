"""Figure pieces shared by the pages. Each is given the data it draws; none reads the store."""
