import pyimgur


def test_lazy_image_costs_one_request(im, api):
    api.add("GET", "3/image/S1jmapR", {"id": "S1jmapR", "title": "Cat Ying & Yang"})
    image = im._make(pyimgur.Image, {"id": "S1jmapR"})
    assert api.count == 0
    assert image.title == "Cat Ying & Yang"
    assert image.title == "Cat Ying & Yang"
    assert api.count == 1
    assert api.calls[0].headers["Authorization"] == "Client-ID test-client-id"
    assert isinstance(image, pyimgur.Image)
