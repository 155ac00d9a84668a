"""Write the public names of PyImgur 0.8.1 to pyimgur_081_names.json (facts only).

Run it with an interpreter that has ``pyimgur==0.8.1`` installed, OUTSIDE this
checkout, e.g.::

    python3 -m venv /tmp/p081 && /tmp/p081/bin/pip install pyimgur==0.8.1
    cd /tmp && /tmp/p081/bin/python /path/to/tests/compat/introspect_081.py > names.json

It records names, signatures (parameter names, kinds and defaults), module
constants' names, exception classes and their bases, and instance attribute
names; no code or docstring text.
"""

import importlib
import inspect
import json
import pkgutil
import re
import sys

import pyimgur

assert pyimgur.__version__ == "0.8.1", pyimgur.__version__

# JSON keys that make 0.8.1 derive or rename attributes (found by reading its
# _populate methods); only the resulting attribute names are recorded.
SAMPLES = {
    "Image": {"id": "a", "link": "https://i.imgur.com/a.jpg", "favorite": False,
              "nsfw": False, "animated": False},
    "Album": {"id": "a", "account_url": "u", "cover": "c", "images": [],
              "favorite": False, "nsfw": False},
    "Gallery_image": {"id": "a", "link": "https://i.imgur.com/a.jpg", "account_url": "u",
                      "favorite": False, "nsfw": False, "animated": False},
    "Gallery_album": {"id": "a", "account_url": "u", "cover": "c", "images": [],
                      "favorite": False, "nsfw": False},
    "Comment": {"id": 1, "author": "u", "children": [], "image_id": "a", "parent_id": 0,
                "comment": "t", "deleted": False},
    "Notification": {"id": 1, "viewed": False, "content": {}},
    "Message": {"id": 1, "from": "u", "parent_id": 1, "account_id": 1},
    "User": {"url": "u"},
}


def default_of(param):
    if param.default is inspect.Parameter.empty:
        return {"required": True}
    value = param.default
    if value is None or isinstance(value, (bool, int, float, str)):
        return {"default": value}
    return {"default_repr": repr(value)}


def signature_of(func):
    params = []
    for name, param in inspect.signature(func).parameters.items():
        if name == "self":
            continue
        entry = {"name": name, "kind": param.kind.name}
        entry.update(default_of(param))
        params.append(entry)
    return params


def ours(value):
    module = getattr(value, "__module__", None) or ""
    return module == "pyimgur" or module.startswith("pyimgur.")


def ivars(cls):
    names = []
    for klass in cls.__mro__:
        names += re.findall(r":ivar (\w+):", klass.__doc__ or "")
    return names


def main():
    entries = []
    modules = {"pyimgur": pyimgur}
    for info in pkgutil.iter_modules(pyimgur.__path__):
        modules["pyimgur." + info.name] = importlib.import_module("pyimgur." + info.name)
    seen_classes = set()
    for mod_name, module in sorted(modules.items()):
        if mod_name != "pyimgur":
            entries.append({"name": mod_name, "kind": "module"})
        for name, value in sorted(vars(module).items()):
            if name.startswith("_"):
                continue
            qual = f"{mod_name}.{name}"
            if inspect.ismodule(value):
                continue  # submodules are listed once, above
            if inspect.isclass(value):
                if not ours(value):
                    continue
                kind = "exception" if issubclass(value, BaseException) else "class"
                entry = {"name": qual, "kind": kind}
                if kind == "exception":
                    entry["bases"] = [b.__name__ for b in value.__bases__]
                entries.append(entry)
                if value in seen_classes:
                    continue
                seen_classes.add(value)
                for attr in sorted(dir(value)):
                    if attr.startswith("_"):
                        continue
                    member = inspect.getattr_static(value, attr)
                    if isinstance(member, (staticmethod, classmethod)):
                        member = member.__func__
                    if inspect.isfunction(member) and ours(member):
                        entries.append({"name": f"{qual}.{attr}", "kind": "method",
                                        "params": signature_of(member)})
            elif inspect.isfunction(value):
                if ours(value):
                    entries.append({"name": qual, "kind": "function",
                                    "params": signature_of(value)})
            elif isinstance(value, (str, int, float, bool, list, tuple)) or value is None:
                entries.append({"name": qual, "kind": "constant"})
    # instance attributes: the Imgur object's, and the models' documented and derived ones
    imgur = pyimgur.Imgur("client-id")
    for attr in sorted(vars(imgur)):
        if not attr.startswith("_"):
            entries.append({"name": f"pyimgur.Imgur.{attr}", "kind": "attribute"})
    for cls_name, sample in sorted(SAMPLES.items()):
        cls = getattr(pyimgur, cls_name, None) or getattr(pyimgur.objects, cls_name)
        names = set(ivars(cls))
        obj = cls(dict(sample), imgur, has_fetched=True)
        names |= {k for k in vars(obj) if not k.startswith("_") and k not in sample}
        owner = "pyimgur" if hasattr(pyimgur, cls_name) else "pyimgur.objects"
        for attr in sorted(names):
            if not any(e["name"] == f"{owner}.{cls_name}.{attr}" for e in entries):
                entries.append({"name": f"{owner}.{cls_name}.{attr}", "kind": "attribute"})
    json.dump({"source": "pyimgur==0.8.1 (introspected; names only)",
               "python": sys.version.split()[0], "entries": entries},
              sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
