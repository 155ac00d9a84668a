"""Small behaviours shared by models, one capability each."""
