"""The local web app over the store: story list, story and article pages, and a JSON API."""
