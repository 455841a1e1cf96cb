from wagtail import hooks

from core.rich_text import RuleDocumentLinkHandler


@hooks.register("register_rich_text_features", order=50)
def register_document_link_rule(features):
    # After Wagtail's own registration (order 0), which this replaces.
    features.register_link_type(RuleDocumentLinkHandler)
